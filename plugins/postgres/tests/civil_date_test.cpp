// The calendar edges the sink's date checks and formatting depend on, beyond
// those sdk/tests/support_test.cpp covers.
#include <sluice/support/civil_date.hpp>

#include <gtest/gtest.h>

namespace sluice::postgres {
namespace {

using support::civil_from_days;
using support::is_valid_civil_date;

void expect_date(int64_t days, int64_t year, int month, int day) {
  support::CivilDate date = civil_from_days(days);
  EXPECT_EQ(date.year, year) << days;
  EXPECT_EQ(date.month, month) << days;
  EXPECT_EQ(date.day, day) << days;
}

TEST(CivilDate, CountsFromTheUnixEpoch) {
  expect_date(0, 1970, 1, 1);
  expect_date(-1, 1969, 12, 31);
  expect_date(11016, 2000, 2, 29);
  expect_date(19723, 2024, 1, 1);
  expect_date(-719528, 0, 1, 1);  // 1 BC
}

TEST(CivilDate, KnowsLeapYearsAndRefusesImpossibleDates) {
  EXPECT_TRUE(is_valid_civil_date(2024, 2, 29));
  EXPECT_FALSE(is_valid_civil_date(2023, 2, 29));
  EXPECT_FALSE(is_valid_civil_date(2023, 4, 31));
  EXPECT_FALSE(is_valid_civil_date(2023, 13, 1));
  EXPECT_FALSE(is_valid_civil_date(2023, 1, 0));
}

TEST(CivilDate, FloorDivisionRoundsDown) {
  EXPECT_EQ(support::floor_div(7, 2), 3);
  EXPECT_EQ(support::floor_div(-7, 2), -4);
  EXPECT_EQ(support::floor_div(-8, 2), -4);
}

}  // namespace
}  // namespace sluice::postgres
