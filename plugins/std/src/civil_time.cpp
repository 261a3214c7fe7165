#include "civil_time.h"

#include <cstdio>

#include <sluice/support/ascii.hpp>
#include <sluice/support/civil_date.hpp>

namespace sluice::standard {
namespace {

// Reads exactly `n` digits at `pos`.
std::optional<int> digits(std::string_view text, size_t pos, size_t n) {
  if (pos + n > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!support::is_ascii_digit(text[i])) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// Days since the epoch of the date at the start of `text`, which must be
// "YYYY-MM-DD" followed by anything.
std::optional<int32_t> date_prefix(std::string_view text) {
  auto y = digits(text, 0, 4);
  auto m = digits(text, 5, 2);
  auto d = digits(text, 8, 2);
  if (!y || !m || !d || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!support::is_valid_civil_date(*y, *m, *d)) return std::nullopt;
  return static_cast<int32_t>(support::days_from_civil(*y, *m, *d));
}

// Seconds east of UTC for "Z" or "+HH:MM"/"-HH:MM" filling all of `zone`.
std::optional<int64_t> zone_offset_seconds(std::string_view zone) {
  if (zone == "Z" || zone == "z") return 0;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') {
    return std::nullopt;
  }
  auto h = digits(zone, 1, 2);
  auto m = digits(zone, 4, 2);
  if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
  const int64_t seconds = *h * 3600 + *m * 60;
  return zone[0] == '+' ? seconds : -seconds;
}

// Parses ".ffffff..." at the start of `text` into microseconds; returns the
// characters consumed (0 when there is no fraction), or nullopt.
std::optional<size_t> fraction_micros(std::string_view text, int64_t& micros) {
  micros = 0;
  if (text.empty() || text[0] != '.') return size_t{0};
  size_t i = 1;
  int64_t scale = 100000;
  while (i < text.size() && support::is_ascii_digit(text[i])) {
    micros += (text[i] - '0') * scale;
    scale /= 10;
    ++i;
  }
  if (i == 1) return std::nullopt;
  return i;
}

void append_padded(std::string& out, int64_t value, int width) {
  char buffer[24];
  const int n = std::snprintf(buffer, sizeof buffer, "%0*lld", width, static_cast<long long>(value));
  out.append(buffer, static_cast<size_t>(n));
}

}  // namespace

std::optional<int32_t> parse_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  return date_prefix(text);
}

std::optional<int64_t> parse_timestamp(std::string_view text) {
  if (text.size() < 20) return std::nullopt;
  const auto date = date_prefix(text);
  const char sep = text[10];
  if (!date || (sep != 'T' && sep != 't' && sep != ' ')) return std::nullopt;
  auto h = digits(text, 11, 2);
  auto m = digits(text, 14, 2);
  auto s = digits(text, 17, 2);
  if (!h || !m || !s || text[13] != ':' || text[16] != ':' || *h > 23 || *m > 59 || *s > 59) {
    return std::nullopt;
  }
  int64_t micros = 0;
  const auto consumed = fraction_micros(text.substr(19), micros);
  if (!consumed) return std::nullopt;
  const auto offset = zone_offset_seconds(text.substr(19 + *consumed));
  if (!offset) return std::nullopt;
  const int64_t seconds = int64_t{*date} * 86400 + *h * 3600 + *m * 60 + *s - *offset;
  return seconds * 1'000'000 + micros;
}

int32_t day_of_timestamp(int64_t micros) {
  return static_cast<int32_t>(support::floor_div(micros, kMicrosPerDay));
}

void append_date(std::string& out, int32_t days_since_epoch) {
  const support::CivilDate date = support::civil_from_days(days_since_epoch);
  append_padded(out, date.year, 4);
  out += '-';
  append_padded(out, date.month, 2);
  out += '-';
  append_padded(out, date.day, 2);
}

void append_timestamp(std::string& out, int64_t micros) {
  const int64_t day_number = support::floor_div(micros, kMicrosPerDay);
  const int64_t in_day = micros - day_number * kMicrosPerDay;
  append_date(out, static_cast<int32_t>(day_number));
  const int64_t seconds = in_day / 1'000'000;
  out += 'T';
  append_padded(out, seconds / 3600, 2);
  out += ':';
  append_padded(out, seconds / 60 % 60, 2);
  out += ':';
  append_padded(out, seconds % 60, 2);
  if (const int64_t fraction = in_day % 1'000'000; fraction != 0) {
    out += '.';
    append_padded(out, fraction, 6);
  }
  out += 'Z';
}

}  // namespace sluice::standard
