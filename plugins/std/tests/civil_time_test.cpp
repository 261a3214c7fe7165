#include "civil_time.h"

#include <gtest/gtest.h>

namespace sluice::standard {
namespace {

std::string date_text(int32_t days) {
  std::string s;
  append_date(s, days);
  return s;
}

std::string timestamp_text(int64_t micros) {
  std::string s;
  append_timestamp(s, micros);
  return s;
}

TEST(ParseDate, AcceptsRealCalendarDays) {
  EXPECT_EQ(parse_date("1970-01-01"), 0);
  EXPECT_EQ(parse_date("1969-12-31"), -1);
  EXPECT_EQ(parse_date("2024-02-29"), 19782);
}

TEST(ParseDate, RefusesOtherText) {
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-1-01", "20240101", "2024-01-01T00:00:00Z", "",
                          "abcd-ef-gh", "2024-01-32"}) {
    EXPECT_FALSE(parse_date(bad).has_value()) << bad;
  }
}

TEST(ParseTimestamp, ReadsZonesAndFractions) {
  EXPECT_EQ(parse_timestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_timestamp("1970-01-01t00:00:01.5z"), 1'500'000);
  EXPECT_EQ(parse_timestamp("1970-01-01 01:00:00+01:00"), 0);
  EXPECT_EQ(parse_timestamp("1969-12-31T23:00:00-01:00"), 0);
  EXPECT_EQ(parse_timestamp("2024-05-06T07:08:09.123456789Z"), 1714979289123456);
}

TEST(ParseTimestamp, RefusesIncompleteOrInvalidText) {
  for (const char* bad :
       {"2024-05-06", "2024-05-06T07:08:09", "2024-05-06T24:00:00Z", "2024-05-06T07:08:09.Z",
        "2024-05-06T07:08:09+0100", "2024-05-06T07:08:60Z", "2024-02-30T00:00:00Z"}) {
    EXPECT_FALSE(parse_timestamp(bad).has_value()) << bad;
  }
}

TEST(AppendDate, FormatsBeforeAndAfterTheEpoch) {
  EXPECT_EQ(date_text(0), "1970-01-01");
  EXPECT_EQ(date_text(-1), "1969-12-31");
  EXPECT_EQ(date_text(19782), "2024-02-29");
}

TEST(AppendTimestamp, AddsAFractionOnlyWhenThereIsOne) {
  EXPECT_EQ(timestamp_text(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(timestamp_text(1714979289123456), "2024-05-06T07:08:09.123456Z");
  EXPECT_EQ(timestamp_text(-1), "1969-12-31T23:59:59.999999Z");
}

TEST(DayOfTimestamp, RoundsTowardsThePast) {
  EXPECT_EQ(day_of_timestamp(0), 0);
  EXPECT_EQ(day_of_timestamp(kMicrosPerDay - 1), 0);
  EXPECT_EQ(day_of_timestamp(-1), -1);
}

}  // namespace
}  // namespace sluice::standard
