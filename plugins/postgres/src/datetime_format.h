// Writing dates and timestamps in the form the server reads regardless of
// its DateStyle setting (ISO 8601, with " BC" for years before 1 AD).
#pragma once

#include <cstdint>
#include <string>

namespace sluice::postgres {

// Whether the server's date / timestamp types can hold the value.
bool date_in_server_range(int64_t days_since_epoch);
bool timestamp_in_server_range(int64_t micros_since_epoch);
// Whether midnight of the day is a timestamp the server can hold.
bool day_in_timestamp_range(int64_t days_since_epoch);

// YYYY-MM-DD
void append_iso_date(std::string& out, int64_t days_since_epoch);

enum class ZoneSuffix {
  kNone,       // 2024-05-01 12:30:00.25      (timestamp without time zone)
  kUtcOffset,  // 2024-05-01 12:30:00.25+00   (timestamptz)
  kZulu,       // 2024-05-01T12:30:00.25Z     (into a text column)
};
void append_iso_timestamp(std::string& out, int64_t micros_since_epoch, ZoneSuffix zone);

}  // namespace sluice::postgres
