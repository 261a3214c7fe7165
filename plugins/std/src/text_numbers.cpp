#include "text_numbers.h"

#include <charconv>
#include <cmath>

#include <sluice/support/ascii.hpp>

namespace sluice::standard {

std::optional<int64_t> parse_int64(std::string_view text) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::optional<double> parse_float64(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> parse_version_int(std::string_view text) {
  int64_t parts[3] = {0, 0, 0};
  int part = 0;
  int part_digits = 0;
  for (char c : text) {
    if (c == '.') {
      if (part_digits == 0 || part == 2) return std::nullopt;
      ++part;
      part_digits = 0;
    } else if (support::is_ascii_digit(c)) {
      if (++part_digits > 3) return std::nullopt;
      parts[part] = parts[part] * 10 + (c - '0');
    } else {
      return std::nullopt;
    }
  }
  if (part_digits == 0) return std::nullopt;
  return parts[0] * 1'000'000 + parts[1] * 1'000 + parts[2];
}

}  // namespace sluice::standard
