#include "text_numbers.h"

#include <gtest/gtest.h>

namespace sluice::standard {
namespace {

TEST(VersionInt, SpecExamples) {
  EXPECT_EQ(parse_version_int("2.3.0"), 2003000);
  EXPECT_EQ(parse_version_int("0.96"), 96000);
  EXPECT_EQ(parse_version_int("7.31"), 7031000);
  EXPECT_EQ(parse_version_int("2.00"), 2000000);
  EXPECT_EQ(parse_version_int("2"), 2000000);
  EXPECT_EQ(parse_version_int("999.999.999"), 999999999);
}

TEST(VersionInt, IsReversible) {
  const int64_t v = *parse_version_int("12.34.56");
  EXPECT_EQ(v / 1'000'000, 12);
  EXPECT_EQ(v / 1'000 % 1'000, 34);
  EXPECT_EQ(v % 1'000, 56);
}

TEST(VersionInt, RefusesWhatItCannotEncode) {
  for (const char* bad :
       {"", "1000.0", "1.2.3.4", "1..2", "1.", ".1", "v1.2", "1.2-beta", "1.0001", " 1.2"}) {
    EXPECT_FALSE(parse_version_int(bad).has_value()) << bad;
  }
}

TEST(ParseInt64, StrictDecimal) {
  EXPECT_EQ(parse_int64("-42"), -42);
  EXPECT_EQ(parse_int64("9223372036854775807"), INT64_MAX);
  for (const char* bad : {"", "+1", "1.0", "12a", " 1", "9223372036854775808"}) {
    EXPECT_FALSE(parse_int64(bad).has_value()) << bad;
  }
}

TEST(ParseFloat64, FiniteDecimalsOnly) {
  EXPECT_EQ(parse_float64("-2.5"), -2.5);
  EXPECT_EQ(parse_float64("1e3"), 1000.0);
  for (const char* bad : {"", "inf", "nan", "1.0x", "1e999"}) {
    EXPECT_FALSE(parse_float64(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace sluice::standard
