#include "alphabet_value_cipher.h"

#include <gtest/gtest.h>

#include "fpe_value_cipher.h"
#include "fpe_vectors.h"

namespace sluice::maskers {
namespace {

const std::vector<std::uint8_t> kKey = testing::hex_bytes("2B7E151628AED2A6ABF7158809CF4F3C");

std::unique_ptr<ValueCipher> make(FpeFormat format, std::string alphabet = "", FpeMode mode = FpeMode::ff1) {
  const std::string tweak = "device_id";
  const std::vector<std::uint8_t> tweak56 = testing::hex_bytes("00112233445566");
  const std::span<const std::uint8_t> tweak_bytes =
      mode == FpeMode::ff1 ? std::span(reinterpret_cast<const std::uint8_t*>(tweak.data()), tweak.size())
                           : std::span<const std::uint8_t>(tweak56);
  support::Result<std::unique_ptr<ValueCipher>> cipher =
      make_fpe_value_cipher({mode, format, std::move(alphabet)}, kKey, tweak_bytes);
  EXPECT_TRUE(cipher.ok()) << cipher.status().message();
  return std::move(cipher).value();
}

bool matches_layout(const std::string& text, const std::string& layout) {
  if (text.size() != layout.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (layout[i] == 'N' ? !std::isdigit(static_cast<unsigned char>(text[i])) : text[i] != layout[i])
      return false;
  }
  return true;
}

TEST(AlphabetValueCipher, DigitsKeepTheirSeparators) {
  for (const FpeMode mode : {FpeMode::ff1, FpeMode::ff3_1}) {
    std::unique_ptr<ValueCipher> cipher = make(FpeFormat::digits, "", mode);
    std::string masked, recovered;
    ASSERT_TRUE(cipher->encrypt("593-47-5928", masked).ok());
    EXPECT_TRUE(matches_layout(masked, "NNN-NN-NNNN")) << masked;
    EXPECT_NE(masked, "593-47-5928");
    ASSERT_TRUE(cipher->decrypt(masked, recovered).ok());
    EXPECT_EQ(recovered, "593-47-5928");
  }
}

TEST(AlphabetValueCipher, EqualValuesGiveEqualMaskedValues) {
  std::unique_ptr<ValueCipher> cipher = make(FpeFormat::digits);
  std::string first, second;
  ASSERT_TRUE(cipher->encrypt("123456789", first).ok());
  ASSERT_TRUE(cipher->encrypt("123456789", second).ok());
  EXPECT_EQ(first, second);
}

TEST(AlphabetValueCipher, AlphanumericKeepsOtherCharacters) {
  std::unique_ptr<ValueCipher> cipher = make(FpeFormat::alphanumeric);
  std::string masked, recovered;
  ASSERT_TRUE(cipher->encrypt("AB12-cd34_EF", masked).ok());
  ASSERT_EQ(masked.size(), 12u);
  EXPECT_EQ(masked[4], '-');
  EXPECT_EQ(masked[9], '_');
  ASSERT_TRUE(cipher->decrypt(masked, recovered).ok());
  EXPECT_EQ(recovered, "AB12-cd34_EF");
}

TEST(AlphabetValueCipher, CustomAlphabetStaysWithinItsSymbols) {
  std::unique_ptr<ValueCipher> cipher = make(FpeFormat::alphabet, "0123456789ABCDEF");
  std::string masked, recovered;
  ASSERT_TRUE(cipher->encrypt("DEADBEEF42", masked).ok());
  EXPECT_EQ(masked.find_first_not_of("0123456789ABCDEF"), std::string::npos) << masked;
  ASSERT_TRUE(cipher->decrypt(masked, recovered).ok());
  EXPECT_EQ(recovered, "DEADBEEF42");
}

TEST(AlphabetValueCipher, RefusesTooFewSymbolsWithoutQuotingTheValue) {
  std::unique_ptr<ValueCipher> cipher = make(FpeFormat::digits);
  std::string masked;
  const support::Status status = cipher->encrypt("12-345", masked);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message().find("12"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("at least 6"), std::string::npos) << status.message();
  EXPECT_FALSE(cipher->encrypt("no digits here", masked).ok());
  EXPECT_FALSE(cipher->encrypt("", masked).ok());
}

TEST(AlphabetValueCipher, RefusesTooManySymbols) {
  std::unique_ptr<ValueCipher> cipher = make(FpeFormat::digits, "", FpeMode::ff3_1);
  std::string masked;
  EXPECT_FALSE(cipher->encrypt(std::string(57, '7'), masked).ok());
}

TEST(AlphabetValueCipher, RefusesBadAlphabets) {
  const std::vector<std::string> bad = {"", "a", "abca", "ab c", "ab\tc", "\xc3\xa9\xc3\xa8"};
  for (const std::string& alphabet : bad) {
    EXPECT_FALSE(make_fpe_value_cipher({FpeMode::ff1, FpeFormat::alphabet, alphabet}, kKey, {}).ok())
        << alphabet;
  }
}

TEST(FpeSettings, ParsesTheNamesUsersWrite) {
  EXPECT_EQ(parse_fpe_mode("ff1"), FpeMode::ff1);
  EXPECT_EQ(parse_fpe_mode("ff3-1"), FpeMode::ff3_1);
  EXPECT_FALSE(parse_fpe_mode("ff3").has_value());
  EXPECT_EQ(parse_fpe_format("ipv4"), FpeFormat::ipv4);
  EXPECT_EQ(parse_fpe_format("alphabet"), FpeFormat::alphabet);
  EXPECT_FALSE(parse_fpe_format("email").has_value());
}

}  // namespace
}  // namespace sluice::maskers
