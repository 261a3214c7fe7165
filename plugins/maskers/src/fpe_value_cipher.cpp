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
  if (mode == FpeMode::ff1) {
    SLUICE_ASSIGN_OR_RETURN(Ff1 cipher, Ff1::create(key, radix, tweak));
    return std::unique_ptr<NumeralCipher>(std::make_unique<Ff1>(std::move(cipher)));
  }
  SLUICE_ASSIGN_OR_RETURN(Ff3_1 cipher, Ff3_1::create(key, radix, tweak));
  return std::unique_ptr<NumeralCipher>(std::make_unique<Ff3_1>(std::move(cipher)));
}

std::optional<IpFamily> ip_family_of(FpeFormat format) {
  switch (format) {
    case FpeFormat::ipv4: return IpFamily::v4;
    case FpeFormat::ipv6: return IpFamily::v6;
    case FpeFormat::ip: return IpFamily::either;
    default: return std::nullopt;
  }
}

std::string_view symbols_of(const FpeSettings& settings) {
  switch (settings.format) {
    case FpeFormat::digits: return kDigitSymbols;
    case FpeFormat::alphanumeric: return kAlphanumericSymbols;
    default: return settings.alphabet;
  }
}

}  // namespace

std::optional<FpeMode> parse_fpe_mode(std::string_view name) {
  if (name == "ff1") return FpeMode::ff1;
  if (name == "ff3-1") return FpeMode::ff3_1;
  return std::nullopt;
}

std::optional<FpeFormat> parse_fpe_format(std::string_view name) {
  if (name == "auto") return FpeFormat::automatic;
  if (name == "ipv4") return FpeFormat::ipv4;
  if (name == "ipv6") return FpeFormat::ipv6;
  if (name == "ip") return FpeFormat::ip;
  if (name == "digits") return FpeFormat::digits;
  if (name == "alphanumeric") return FpeFormat::alphanumeric;
  if (name == "alphabet") return FpeFormat::alphabet;
  return std::nullopt;
}

support::Result<std::unique_ptr<ValueCipher>> make_fpe_value_cipher(const FpeSettings& settings,
                                                                    std::span<const std::uint8_t> key,
                                                                    std::span<const std::uint8_t> tweak) {
  if (settings.format == FpeFormat::automatic) {
    SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<ValueCipher> addresses,
                            make_fpe_value_cipher({settings.mode, FpeFormat::ip, ""}, key, tweak));
    SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<ValueCipher> digits,
                            make_fpe_value_cipher({settings.mode, FpeFormat::digits, ""}, key, tweak));
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
