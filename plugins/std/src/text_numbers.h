// Strict parsing of numbers and version strings held in text columns.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sluice::standard {

// A base-10 integer: optional '-', then digits, nothing else; in int64 range.
std::optional<int64_t> parse_int64(std::string_view text);

// A finite decimal number ("1", "-2.5", "1e3"); no "inf"/"nan", nothing
// after the number.
std::optional<double> parse_float64(std::string_view text);

// "MAJOR[.MINOR[.PATCH]]", each part 1-3 digits (so <= 999), as
// MAJOR * 1'000'000 + MINOR * 1'000 + PATCH; missing parts count 0:
// "2.3.0" -> 2003000, "0.96" -> 96000, "7.31" -> 7031000, "2" -> 2000000.
// Reversible: MAJOR = v / 10^6, MINOR = v / 10^3 % 10^3, PATCH = v % 10^3.
std::optional<int64_t> parse_version_int(std::string_view text);

}  // namespace sluice::standard
