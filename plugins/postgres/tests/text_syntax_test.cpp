#include "text_syntax.h"

#include <cmath>

#include <gtest/gtest.h>

namespace sluice::postgres {
namespace {

TEST(TextSyntax, IntegersAsTheServerReadsThem) {
  EXPECT_EQ(parse_integer_text("42"), 42);
  EXPECT_EQ(parse_integer_text("  -7 "), -7);
  EXPECT_EQ(parse_integer_text("+3"), 3);
  EXPECT_EQ(parse_integer_text("9223372036854775807"), INT64_MAX);
  EXPECT_FALSE(parse_integer_text("9223372036854775808"));
  EXPECT_FALSE(parse_integer_text(""));
  EXPECT_FALSE(parse_integer_text("-"));
  EXPECT_FALSE(parse_integer_text("2.3.0"));
  EXPECT_FALSE(parse_integer_text("12abc"));
  EXPECT_FALSE(parse_integer_text("1 2"));
  EXPECT_FALSE(parse_integer_text("+-1"));
}

TEST(TextSyntax, FloatsIncludingTheSpecialWords) {
  EXPECT_EQ(parse_float_text("1.5"), 1.5);
  EXPECT_EQ(parse_float_text(" -2e3 "), -2000.0);
  EXPECT_EQ(parse_float_text("+.5"), 0.5);
  EXPECT_TRUE(std::isnan(*parse_float_text("NaN")));
  EXPECT_EQ(parse_float_text("-Infinity"), -INFINITY);
  EXPECT_EQ(parse_float_text("inf"), INFINITY);
  EXPECT_FALSE(parse_float_text("1e999"));
  EXPECT_FALSE(parse_float_text("one"));
  EXPECT_FALSE(parse_float_text("--1"));
  EXPECT_FALSE(parse_float_text(""));
}

TEST(TextSyntax, NumericCountsDigitsBeforeThePoint) {
  EXPECT_EQ(parse_numeric_text("123.45")->integer_digits, 3);
  EXPECT_EQ(parse_numeric_text("-0.001")->integer_digits, 0);
  EXPECT_EQ(parse_numeric_text("00012")->integer_digits, 2);
  EXPECT_EQ(parse_numeric_text("1.5e3")->integer_digits, 4);
  EXPECT_EQ(parse_numeric_text("0.00123e5")->integer_digits, 3);
  EXPECT_EQ(parse_numeric_text("12e-5")->integer_digits, 0);
  EXPECT_EQ(parse_numeric_text(".5")->integer_digits, 0);
  EXPECT_EQ(parse_numeric_text("1e9223372036854775807")->integer_digits, 1'000'001);
  EXPECT_EQ(parse_numeric_text("1e-9223372036854775807")->integer_digits, 0);
  EXPECT_TRUE(parse_numeric_text("NaN")->is_nan);
  EXPECT_TRUE(parse_numeric_text("-Infinity")->is_infinite);
  EXPECT_FALSE(parse_numeric_text("."));
  EXPECT_FALSE(parse_numeric_text("1e"));
  EXPECT_FALSE(parse_numeric_text("12a"));
  EXPECT_FALSE(parse_numeric_text("2.3.0"));
}

TEST(TextSyntax, BooleansInEveryServerSpelling) {
  for (const char* yes : {"t", "TRUE", "tr", "y", "yes", "on", "1", " true "}) {
    EXPECT_EQ(parse_boolean_text(yes), true) << yes;
  }
  for (const char* no : {"f", "False", "n", "no", "off", "of", "0"}) {
    EXPECT_EQ(parse_boolean_text(no), false) << no;
  }
  for (const char* neither : {"o", "", "maybe", "2", "truee"}) {
    EXPECT_FALSE(parse_boolean_text(neither)) << neither;
  }
}

TEST(TextSyntax, IsoDatesOnly) {
  EXPECT_TRUE(is_iso_date_text("2024-02-29"));
  EXPECT_TRUE(is_iso_date_text(" 2024-01-01 "));
  EXPECT_TRUE(is_iso_date_text("infinity"));
  EXPECT_FALSE(is_iso_date_text("2023-02-29"));
  EXPECT_FALSE(is_iso_date_text("2024-1-1"));
  EXPECT_FALSE(is_iso_date_text("01/02/2024"));
  EXPECT_FALSE(is_iso_date_text("2024-01-01x"));
  EXPECT_FALSE(is_iso_date_text(""));
}

TEST(TextSyntax, IsoTimestamps) {
  EXPECT_TRUE(is_iso_timestamp_text("2024-05-01"));
  EXPECT_TRUE(is_iso_timestamp_text("2024-05-01T12:30"));
  EXPECT_TRUE(is_iso_timestamp_text("2024-05-01 12:30:00"));
  EXPECT_TRUE(is_iso_timestamp_text("2024-05-01T12:30:00.123456Z"));
  EXPECT_TRUE(is_iso_timestamp_text("2024-05-01T12:30:00+02:00"));
  EXPECT_TRUE(is_iso_timestamp_text("2024-05-01T12:30:00-0530"));
  EXPECT_TRUE(is_iso_timestamp_text("2024-05-01 24:00:00"));
  EXPECT_FALSE(is_iso_timestamp_text("2024-05-01T25:00"));
  EXPECT_FALSE(is_iso_timestamp_text("2024-05-01T12:60"));
  EXPECT_FALSE(is_iso_timestamp_text("2024-05-01T12:30:00."));
  EXPECT_FALSE(is_iso_timestamp_text("2024-05-01T12:30:00 PST"));
  EXPECT_FALSE(is_iso_timestamp_text("yesterday"));
}

}  // namespace
}  // namespace sluice::postgres
