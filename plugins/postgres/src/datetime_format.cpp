#include "datetime_format.h"

#include <charconv>

#include <sluice/support/civil_date.hpp>

namespace sluice::postgres {
namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

// The server's limits: 4714-11-24 BC (Julian day 0) to 5874897-12-31 for
// dates and to 294276-12-31 for timestamps, counted from 1970-01-01.
constexpr int64_t kFirstServerDay = -2'440'588;
constexpr int64_t kDayAfterLastServerDate = 2'147'483'494 - 2'440'588;
constexpr int64_t kDayAfterLastServerTimestamp = 109'203'528 - 2'440'588;

// `number` (not negative) in decimal, zero-padded to `width` digits.
void append_padded(std::string& out, int64_t number, int width) {
  char digits[20];
  char* end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  auto length = static_cast<int>(end - digits);
  if (length < width) out.append(static_cast<size_t>(width - length), '0');
  out.append(digits, end);
}

// Writes the date part; returns the era suffix to put at the very end.
const char* append_date_part(std::string& out, int64_t days_since_epoch) {
  support::CivilDate date = support::civil_from_days(days_since_epoch);
  bool before_christ = date.year <= 0;
  append_padded(out, before_christ ? 1 - date.year : date.year, 4);
  out.push_back('-');
  append_padded(out, date.month, 2);
  out.push_back('-');
  append_padded(out, date.day, 2);
  return before_christ ? " BC" : "";
}

void append_time_of_day(std::string& out, int64_t micros_of_day) {
  int64_t seconds = micros_of_day / kMicrosPerSecond;
  int64_t fraction = micros_of_day % kMicrosPerSecond;
  append_padded(out, seconds / 3600, 2);
  out.push_back(':');
  append_padded(out, seconds / 60 % 60, 2);
  out.push_back(':');
  append_padded(out, seconds % 60, 2);
  if (fraction != 0) {
    out.push_back('.');
    append_padded(out, fraction, 6);
    while (out.back() == '0') out.pop_back();
  }
}

}  // namespace

bool date_in_server_range(int64_t days_since_epoch) {
  return days_since_epoch >= kFirstServerDay && days_since_epoch < kDayAfterLastServerDate;
}

bool timestamp_in_server_range(int64_t micros_since_epoch) {
  return day_in_timestamp_range(support::floor_div(micros_since_epoch, kMicrosPerDay));
}

bool day_in_timestamp_range(int64_t days_since_epoch) {
  return days_since_epoch >= kFirstServerDay && days_since_epoch < kDayAfterLastServerTimestamp;
}

void append_iso_date(std::string& out, int64_t days_since_epoch) {
  out.append(append_date_part(out, days_since_epoch));
}

void append_iso_timestamp(std::string& out, int64_t micros_since_epoch, ZoneSuffix zone) {
  int64_t day = support::floor_div(micros_since_epoch, kMicrosPerDay);
  const char* era = append_date_part(out, day);
  out.push_back(zone == ZoneSuffix::kZulu ? 'T' : ' ');
  append_time_of_day(out, micros_since_epoch - day * kMicrosPerDay);
  if (zone == ZoneSuffix::kUtcOffset) out.append("+00");
  if (zone == ZoneSuffix::kZulu) out.push_back('Z');
  out.append(era);
}

}  // namespace sluice::postgres
