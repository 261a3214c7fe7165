#include "byte_encoding.h"

#include <gtest/gtest.h>

#include <sluice/support/hex.hpp>

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

// Keys and tweaks are hex through sluice/support/hex.hpp; these are the
// cases the maskers rely on beyond sdk/tests/support_test.cpp.
TEST(ByteEncoding, HexRoundTripsAndRefusesAPrefix) {
  EXPECT_EQ(support::hex_encode(*support::hex_decode("00ff7Aa0")), "00ff7aa0");
  EXPECT_FALSE(support::hex_decode("0x00").has_value());
  EXPECT_EQ(support::hex_decode(""), std::string());
}

}  // namespace
}  // namespace sluice::maskers
