// Property tests: decrypt(encrypt(x)) == x for random inputs, for both
// modes, over radixes, lengths and every value format.
#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "alphabet.h"
#include "ff1.h"
#include "ff3_1.h"
#include "fpe_value_cipher.h"
#include "fpe_vectors.h"

namespace sluice::maskers {
namespace {

using testing::hex_bytes;

const std::vector<std::uint8_t> kKey256 =
    hex_bytes("2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94");
const std::vector<std::uint8_t> kTweak56 = hex_bytes("D8E7920AFA330A");
constexpr int kSamplesPerCase = 12;

std::unique_ptr<NumeralCipher> make_cipher(FpeMode mode, unsigned radix) {
  if (mode == FpeMode::ff1) return std::make_unique<Ff1>(Ff1::create(kKey256, radix, kTweak56).value());
  return std::make_unique<Ff3_1>(Ff3_1::create(kKey256, radix, kTweak56).value());
}

// Every length up to 40, then a few long ones up to the cipher's maximum
// (FF1's general, bignum path; FF3-1's limit).
std::vector<std::size_t> lengths_to_try(const NumeralCipher& cipher) {
  std::vector<std::size_t> lengths;
  for (std::size_t length = cipher.min_length(); length <= std::min<std::size_t>(40, cipher.max_length());
       ++length) {
    lengths.push_back(length);
  }
  for (const std::size_t length : {64u, 127u, 256u, 1000u}) {
    if (length > lengths.back() && length < cipher.max_length()) lengths.push_back(length);
  }
  if (lengths.back() != cipher.max_length()) lengths.push_back(cipher.max_length());
  return lengths;
}

class NumeralRoundTrip : public ::testing::TestWithParam<FpeMode> {};

TEST_P(NumeralRoundTrip, DecryptInvertsEncrypt) {
  std::mt19937 random(42);
  for (const unsigned radix : {2u, 10u, 26u, 36u, 62u, 256u}) {
    std::unique_ptr<NumeralCipher> cipher = make_cipher(GetParam(), radix);
    std::uniform_int_distribution<unsigned> numeral(0, radix - 1);
    for (const std::size_t length : lengths_to_try(*cipher)) {
      SCOPED_TRACE("radix " + std::to_string(radix) + " length " + std::to_string(length));
      for (int sample = 0; sample < kSamplesPerCase; ++sample) {
        std::vector<std::uint8_t> plaintext(length);
        for (std::uint8_t& n : plaintext) n = static_cast<std::uint8_t>(numeral(random));
        std::vector<std::uint8_t> ciphertext(length), recovered(length);
        ASSERT_TRUE(cipher->encrypt(plaintext, ciphertext).ok());
        for (const std::uint8_t n : ciphertext) ASSERT_LT(n, radix);
        ASSERT_TRUE(cipher->decrypt(ciphertext, recovered).ok());
        ASSERT_EQ(recovered, plaintext);
      }
    }
  }
}

// Over the smallest domain allowed (10^6 six-digit strings) encryption is a
// permutation: no two inputs ever share a masked value.
TEST_P(NumeralRoundTrip, IsAPermutationOfTheSmallestDomain) {
  std::unique_ptr<NumeralCipher> cipher = make_cipher(GetParam(), 10);
  std::vector<bool> seen(1'000'000);
  std::vector<std::uint8_t> numerals(6);
  for (unsigned value = 0; value < 1'000'000; ++value) {
    for (unsigned i = 0, rest = value; i < 6; ++i, rest /= 10)
      numerals[5 - i] = static_cast<std::uint8_t>(rest % 10);
    ASSERT_TRUE(cipher->encrypt(numerals, numerals).ok());
    unsigned image = 0;
    for (const std::uint8_t n : numerals) image = image * 10 + n;
    ASSERT_FALSE(seen[image]);
    seen[image] = true;
  }
}

INSTANTIATE_TEST_SUITE_P(BothModes, NumeralRoundTrip, ::testing::Values(FpeMode::ff1, FpeMode::ff3_1),
                         [](const auto& info) { return info.param == FpeMode::ff1 ? "ff1" : "ff3_1"; });

struct FormatCase {
  FpeMode mode;
  FpeFormat format;
};

constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyz";

std::string_view symbols_of(FpeFormat format) {
  switch (format) {
    case FpeFormat::digits: return kDigitSymbols;
    case FpeFormat::alphanumeric: return kAlphanumericSymbols;
    default: return kLetters;
  }
}

// Symbols of the alphabet with a few separators ('-', ' ', '.') mixed in.
std::string random_text(std::mt19937& random, std::string_view symbols) {
  const std::size_t length = 6 + random() % 26;  // within FF3-1's 32 for radix 62
  std::string text;
  for (std::size_t i = 0; i < length; ++i) text.push_back(symbols[random() % symbols.size()]);
  for (std::size_t separators = random() % 4; separators > 0; --separators) {
    text.insert(text.begin() + static_cast<long>(random() % (text.size() + 1)), "- ."[random() % 3]);
  }
  return text;
}

std::string random_address(std::mt19937& random, int af) {
  std::uint8_t bytes[16];
  for (std::uint8_t& byte : bytes) byte = static_cast<std::uint8_t>(random());
  char text[INET6_ADDRSTRLEN];
  inet_ntop(af, bytes, text, sizeof text);
  return text;
}

bool is_address(const std::string& text, int af) {
  std::uint8_t bytes[16];
  return inet_pton(af, text.c_str(), bytes) == 1;
}

// Same length, alphabet symbols where the input had them, and every other
// character unchanged.
bool keeps_layout(const std::string& value, const std::string& masked, std::string_view symbols) {
  if (masked.size() != value.size()) return false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const bool was_symbol = symbols.find(value[i]) != std::string_view::npos;
    const bool is_symbol = symbols.find(masked[i]) != std::string_view::npos;
    if (was_symbol != is_symbol || (!was_symbol && masked[i] != value[i])) return false;
  }
  return true;
}

class FormatRoundTrip : public ::testing::TestWithParam<FormatCase> {
 protected:
  void SetUp() override {
    FpeSettings settings{GetParam().mode, GetParam().format, std::string(kLetters)};
    support::Result<std::unique_ptr<ValueCipher>> cipher = make_fpe_value_cipher(settings, kKey256, kTweak56);
    ASSERT_TRUE(cipher.ok()) << cipher.status().message();
    cipher_ = std::move(cipher).value();
  }

  std::string random_value() {
    switch (GetParam().format) {
      case FpeFormat::ipv4: return random_address(random_, AF_INET);
      case FpeFormat::ipv6: return random_address(random_, AF_INET6);
      case FpeFormat::ip: return random_address(random_, random_() % 2 ? AF_INET : AF_INET6);
      default: return random_text(random_, symbols_of(GetParam().format));
    }
  }

  bool has_format_of(const std::string& value, const std::string& masked) {
    if (GetParam().format >= FpeFormat::digits)
      return keeps_layout(value, masked, symbols_of(GetParam().format));
    const int af = value.find(':') == std::string::npos ? AF_INET : AF_INET6;
    return is_address(masked, af);
  }

  std::unique_ptr<ValueCipher> cipher_;
  std::mt19937 random_{99};
};

TEST_P(FormatRoundTrip, KeepsTheFormatAndRecoversRandomValues) {
  for (int sample = 0; sample < 300; ++sample) {
    const std::string value = random_value();
    SCOPED_TRACE("sample " + std::to_string(sample));
    std::string masked, recovered;
    ASSERT_TRUE(cipher_->encrypt(value, masked).ok());
    ASSERT_TRUE(has_format_of(value, masked));
    ASSERT_TRUE(cipher_->decrypt(masked, recovered).ok());
    ASSERT_EQ(recovered, value);
  }
}

INSTANTIATE_TEST_SUITE_P(
    EveryFormat, FormatRoundTrip,
    ::testing::Values(FormatCase{FpeMode::ff1, FpeFormat::ipv4}, FormatCase{FpeMode::ff1, FpeFormat::ipv6},
                      FormatCase{FpeMode::ff1, FpeFormat::ip}, FormatCase{FpeMode::ff1, FpeFormat::digits},
                      FormatCase{FpeMode::ff1, FpeFormat::alphanumeric},
                      FormatCase{FpeMode::ff1, FpeFormat::alphabet},
                      FormatCase{FpeMode::ff3_1, FpeFormat::ipv4},
                      FormatCase{FpeMode::ff3_1, FpeFormat::ipv6}, FormatCase{FpeMode::ff3_1, FpeFormat::ip},
                      FormatCase{FpeMode::ff3_1, FpeFormat::digits},
                      FormatCase{FpeMode::ff3_1, FpeFormat::alphanumeric},
                      FormatCase{FpeMode::ff3_1, FpeFormat::alphabet}));

}  // namespace
}  // namespace sluice::maskers
