#include "byte_encoding.h"

#include <gtest/gtest.h>

namespace sluice::maskers {
namespace {

std::string base64url(std::string_view text) {
  std::string out;
  append_base64url(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), out);
  return out;
}

// RFC 4648 §10 vectors, without padding.
TEST(ByteEncoding, Base64UrlMatchesRfc4648) {
  EXPECT_EQ(base64url(""), "");
  EXPECT_EQ(base64url("f"), "Zg");
  EXPECT_EQ(base64url("fo"), "Zm8");
  EXPECT_EQ(base64url("foo"), "Zm9v");
  EXPECT_EQ(base64url("foob"), "Zm9vYg");
  EXPECT_EQ(base64url("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64url("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64url("\xfb\xff"), "-_8");
}

TEST(ByteEncoding, HexRoundTrips) {
  const std::optional<std::vector<std::uint8_t>> bytes = decode_hex("00ff7Aa0");
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(*bytes, (std::vector<std::uint8_t>{0x00, 0xff, 0x7a, 0xa0}));
  std::string text;
  append_hex(*bytes, text);
  EXPECT_EQ(text, "00ff7aa0");
}

TEST(ByteEncoding, HexRefusesOddLengthsAndOtherCharacters) {
  EXPECT_FALSE(decode_hex("abc").has_value());
  EXPECT_FALSE(decode_hex("zz").has_value());
  EXPECT_FALSE(decode_hex("0x00").has_value());
  EXPECT_TRUE(decode_hex("").has_value());
}

}  // namespace
}  // namespace sluice::maskers
