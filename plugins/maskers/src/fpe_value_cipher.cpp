#include "fpe_value_cipher.h"

#include "alphabet_value_cipher.h"
#include "auto_value_cipher.h"
#include "ff1.h"
#include "ff3_1.h"
#include "ip_value_cipher.h"

namespace sluice::maskers {
namespace {

constexpr unsigned kByteRadix = 256;

support::Result<std::unique_ptr<NumeralCipher>> make_numeral_cipher(FpeMode mode,
                                                                    std::span<const std::uint8_t> key,
                                                                    unsigned radix,
                                                                    std::span<const std::uint8_t> tweak) {
  if (mode == FpeMode::kFf1) {
    SLUICE_ASSIGN_OR_RETURN(Ff1 cipher, Ff1::create(key, radix, tweak));
    return std::unique_ptr<NumeralCipher>(std::make_unique<Ff1>(std::move(cipher)));
  }
  SLUICE_ASSIGN_OR_RETURN(Ff3_1 cipher, Ff3_1::create(key, radix, tweak));
  return std::unique_ptr<NumeralCipher>(std::make_unique<Ff3_1>(std::move(cipher)));
}

std::optional<IpFamily> ip_family_of(FpeFormat format) {
  switch (format) {
    case FpeFormat::kIpv4: return IpFamily::kV4;
    case FpeFormat::kIpv6: return IpFamily::kV6;
    case FpeFormat::kIp: return IpFamily::kEither;
    default: return std::nullopt;
  }
}

std::string_view symbols_of(const FpeSettings& settings) {
  switch (settings.format) {
    case FpeFormat::kDigits: return kDigitSymbols;
    case FpeFormat::kAlphanumeric: return kAlphanumericSymbols;
    default: return settings.alphabet;
  }
}

}  // namespace

std::optional<FpeMode> parse_fpe_mode(std::string_view name) {
  if (name == "ff1") return FpeMode::kFf1;
  if (name == "ff3-1") return FpeMode::kFf31;
  return std::nullopt;
}

std::optional<FpeFormat> parse_fpe_format(std::string_view name) {
  if (name == "auto") return FpeFormat::kAutomatic;
  if (name == "ipv4") return FpeFormat::kIpv4;
  if (name == "ipv6") return FpeFormat::kIpv6;
  if (name == "ip") return FpeFormat::kIp;
  if (name == "digits") return FpeFormat::kDigits;
  if (name == "alphanumeric") return FpeFormat::kAlphanumeric;
  if (name == "alphabet") return FpeFormat::kAlphabet;
  return std::nullopt;
}

support::Result<std::unique_ptr<ValueCipher>> make_fpe_value_cipher(const FpeSettings& settings,
                                                                    std::span<const std::uint8_t> key,
                                                                    std::span<const std::uint8_t> tweak) {
  if (settings.format == FpeFormat::kAutomatic) {
    SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<ValueCipher> addresses,
                            make_fpe_value_cipher({settings.mode, FpeFormat::kIp, ""}, key, tweak));
    SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<ValueCipher> digits,
                            make_fpe_value_cipher({settings.mode, FpeFormat::kDigits, ""}, key, tweak));
    return std::unique_ptr<ValueCipher>(
        std::make_unique<AutoValueCipher>(std::move(addresses), std::move(digits)));
  }
  if (const std::optional<IpFamily> family = ip_family_of(settings.format)) {
    SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<NumeralCipher> cipher,
                            make_numeral_cipher(settings.mode, key, kByteRadix, tweak));
    return std::unique_ptr<ValueCipher>(std::make_unique<IpValueCipher>(*family, std::move(cipher)));
  }
  SLUICE_ASSIGN_OR_RETURN(Alphabet alphabet, Alphabet::create(symbols_of(settings)));
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<NumeralCipher> cipher,
                          make_numeral_cipher(settings.mode, key, alphabet.radix(), tweak));
  return std::unique_ptr<ValueCipher>(
      std::make_unique<AlphabetValueCipher>(std::move(alphabet), std::move(cipher)));
}

}  // namespace sluice::maskers
