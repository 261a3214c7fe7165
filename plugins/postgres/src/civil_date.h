// Proleptic Gregorian calendar arithmetic, for dates that arrive as days
// since 1970-01-01 and strings that claim to be dates.
#pragma once

#include <cstdint>

namespace sluice::pg {

struct CivilDate {
  int64_t year;  // astronomical: 0 is 1 BC
  int month;     // 1..12
  int day;       // 1..31
};

// a / b rounded towards negative infinity (b > 0).
inline int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && (a < 0));
}

bool is_valid_civil_date(int64_t year, int month, int day);

CivilDate civil_from_days(int64_t days_since_epoch);

}  // namespace sluice::pg
