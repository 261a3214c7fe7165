#include "datetime_format.h"

#include <gtest/gtest.h>

namespace sluice::postgres {
namespace {

std::string date(int64_t days) {
  std::string out;
  append_iso_date(out, days);
  return out;
}

std::string timestamp(int64_t micros, ZoneSuffix zone) {
  std::string out;
  append_iso_timestamp(out, micros, zone);
  return out;
}

TEST(DatetimeFormat, WritesIsoDates) {
  EXPECT_EQ(date(0), "1970-01-01");
  EXPECT_EQ(date(19723), "2024-01-01");
  EXPECT_EQ(date(-719528), "0001-01-01 BC");
}

TEST(DatetimeFormat, WritesTimestampsForEachTarget) {
  int64_t micros = 1'714'566'600'250'000;  // 2024-05-01 12:30:00.25 UTC
  EXPECT_EQ(timestamp(micros, ZoneSuffix::kNone), "2024-05-01 12:30:00.25");
  EXPECT_EQ(timestamp(micros, ZoneSuffix::kUtcOffset), "2024-05-01 12:30:00.25+00");
  EXPECT_EQ(timestamp(micros, ZoneSuffix::kZulu), "2024-05-01T12:30:00.25Z");
}

TEST(DatetimeFormat, WholeSecondsHaveNoFraction) {
  EXPECT_EQ(timestamp(0, ZoneSuffix::kUtcOffset), "1970-01-01 00:00:00+00");
}

TEST(DatetimeFormat, TimesBeforeTheEpochCountBackwards) {
  EXPECT_EQ(timestamp(-1, ZoneSuffix::kNone), "1969-12-31 23:59:59.999999");
}

TEST(DatetimeFormat, KnowsTheServersRange) {
  EXPECT_TRUE(date_in_server_range(0));
  EXPECT_TRUE(date_in_server_range(-2'440'588));  // 4714-11-24 BC
  EXPECT_FALSE(date_in_server_range(-2'440'589));
  EXPECT_TRUE(timestamp_in_server_range(0));
  // Microseconds in an int64 reach 292277 AD, within the server's 294276 AD.
  EXPECT_TRUE(timestamp_in_server_range(INT64_MAX));
  EXPECT_FALSE(timestamp_in_server_range(INT64_MIN));
}

}  // namespace
}  // namespace sluice::postgres
