#include "civil_date.h"

namespace sluice::pg {
namespace {

bool is_leap_year(int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

}  // namespace

bool is_valid_civil_date(int64_t year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

CivilDate civil_from_days(int64_t days_since_epoch) {
  // Counts in 400-year eras starting on 0000-03-01, so that the leap day is
  // the last day of each counted year.
  constexpr int64_t kDaysFromEraStartToEpoch = 719468;
  constexpr int64_t kDaysPerEra = 146097;
  int64_t days = days_since_epoch + kDaysFromEraStartToEpoch;
  int64_t era = floor_div(days, kDaysPerEra);
  int64_t day_of_era = days - era * kDaysPerEra;
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t month_from_march = (5 * day_of_year + 2) / 153;
  int day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  int month = static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

}  // namespace sluice::pg
