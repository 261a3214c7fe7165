// sluice/support/civil_date.hpp: the proleptic Gregorian calendar on 64-bit
// day counts (Arrow date32/date64 and timestamps reach far beyond year 9999),
// after Howard Hinnant's "chrono-Compatible Low-Level Date Algorithms".
#ifndef SLUICE_SUPPORT_CIVIL_DATE_HPP
#define SLUICE_SUPPORT_CIVIL_DATE_HPP

#include <cstdint>

namespace sluice::support {

struct CivilDate {
  std::int64_t year;  // astronomical: 0 is 1 BC
  int month;          // 1..12
  int day;            // 1..31
};

// a / b rounded towards negative infinity (b > 0).
inline constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && (a < 0));
}

inline constexpr bool is_leap_year(std::int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

inline constexpr int days_in_month(std::int64_t year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

inline constexpr bool is_valid_civil_date(std::int64_t year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

// Days since 1970-01-01 of a valid date. |year| must stay below about 2^50.
inline constexpr std::int64_t days_from_civil(std::int64_t year, int month, int day) {
  const std::int64_t y = month <= 2 ? year - 1 : year;
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t year_of_era = y - era * 400;                               // [0, 399]
  const std::int64_t month_from_march = month > 2 ? month - 3 : month + 9;      // [0, 11]
  const std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;  // [0, 365]
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// The date `days` after 1970-01-01 (negative: before).
inline constexpr CivilDate civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t day_of_era = z - era * 146097;  // [0, 146096]
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;  // [0, 399]
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;  // [0, 11]
  const int day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  const int month = static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return CivilDate{year, month, day};
}

}  // namespace sluice::support

#endif  // SLUICE_SUPPORT_CIVIL_DATE_HPP
