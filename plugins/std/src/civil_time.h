// Calendar dates and RFC 3339 timestamps as the std plugins read and write
// them: date32 (days since 1970-01-01) and microseconds since the epoch, UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::standard {

inline constexpr int64_t kMicrosPerDay = 86'400'000'000;

// "YYYY-MM-DD" (a real calendar day) as days since 1970-01-01.
std::optional<int32_t> parse_date(std::string_view text);

// RFC 3339 date-time: "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)", 'T' may
// be 't' or a space, 'Z' may be 'z'; digits of the fraction past the sixth
// are truncated. As microseconds since the epoch, UTC.
std::optional<int64_t> parse_timestamp(std::string_view text);

// The UTC day a timestamp falls on (rounding towards the past).
int32_t day_of_timestamp(int64_t micros);

// Appends "YYYY-MM-DD".
void append_date(std::string& out, int32_t days);

// Appends "YYYY-MM-DDTHH:MM:SSZ", with ".ffffff" before the Z when the
// timestamp has a fraction of a second.
void append_timestamp(std::string& out, int64_t micros);

}  // namespace sluice::standard
