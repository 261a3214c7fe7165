#include "json_text.h"

#include <gtest/gtest.h>

#include <limits>

#include <sluice/support/json_text.hpp>

namespace sluice::standard {
namespace {

std::string quoted(std::string_view text) {
  std::string out;
  support::append_json_string(out, text);
  return out;
}

std::string number(double value) {
  std::string out;
  append_json_double(out, value);
  return out;
}

// Strings are written by sluice/support/json_text.hpp; these cases pin down
// what the file sink's NDJSON output promises, beyond sdk/tests/support_test.cpp.
TEST(JsonString, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(quoted("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(quoted("\n\r\t\b\f"), R"("\n\r\t\b\f")");
  EXPECT_EQ(quoted(std::string_view("\x01\x1f\0", 3)), R"("\u0001\u001f\u0000")");
}

TEST(JsonString, KeepsValidUtf8) { EXPECT_EQ(quoted("héllo €𝄞"), "\"héllo €𝄞\""); }

TEST(JsonString, ReplacesInvalidUtf8) {
  EXPECT_EQ(quoted("a\xff"
                   "b"),
            "\"a\xEF\xBF\xBD"
            "b\"");
  EXPECT_EQ(quoted("\xC3"), "\"\xEF\xBF\xBD\"");                  // truncated
  EXPECT_EQ(quoted("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong
  EXPECT_EQ(quoted("\xED\xA0\x80").size(), 2u + 9u);              // surrogate
}

TEST(JsonNumber, ShortestRoundTripAndFloatsStayFloats) {
  EXPECT_EQ(number(0.1), "0.1");
  EXPECT_EQ(number(2.0), "2.0");
  EXPECT_EQ(number(-1.5e300), "-1.5e+300");
  EXPECT_EQ(number(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(number(std::numeric_limits<double>::infinity()), "null");
}

}  // namespace
}  // namespace sluice::standard
