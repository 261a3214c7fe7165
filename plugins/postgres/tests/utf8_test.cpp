// The UTF-8 edges PostgreSQL text depends on (the sink rejects a row whose
// text the server would refuse), beyond those sdk/tests/support_test.cpp
// covers.
#include <sluice/support/utf8.hpp>

#include <gtest/gtest.h>

namespace sluice::postgres {
namespace {

using support::utf8_code_points;

TEST(Utf8, CountsCodePointsNotBytes) {
  EXPECT_EQ(utf8_code_points(""), 0u);
  EXPECT_EQ(utf8_code_points("abc"), 3u);
  EXPECT_EQ(utf8_code_points("Zoë"), 3u);
  EXPECT_EQ(utf8_code_points("日本語"), 3u);
  EXPECT_EQ(utf8_code_points("🚀x"), 2u);
}

TEST(Utf8, RefusesMalformedSequences) {
  EXPECT_FALSE(utf8_code_points("\xC3"));          // truncated
  EXPECT_FALSE(utf8_code_points("\x80"));          // stray continuation
  EXPECT_FALSE(utf8_code_points("\xE0\x80\xAF"));  // overlong
  EXPECT_FALSE(utf8_code_points("ab\xFF"));
}

TEST(Utf8, AcceptsTheEdgesOfTheRange) {
  EXPECT_EQ(utf8_code_points("\xED\x9F\xBF"), 1u);      // U+D7FF
  EXPECT_EQ(utf8_code_points("\xF4\x8F\xBF\xBF"), 1u);  // U+10FFFF
}

}  // namespace
}  // namespace sluice::postgres
