#include "text_syntax.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include <sluice/support/ascii.hpp>
#include <sluice/support/civil_date.hpp>

namespace sluice::postgres {
namespace {

using support::ascii_iequals;
using support::is_ascii_digit;
using support::trim_ascii_space;

bool is_prefix_ignoring_case(std::string_view text, std::string_view word) {
  return !text.empty() && text.size() <= word.size() && ascii_iequals(text, word.substr(0, text.size()));
}

// Splits a leading sign off; returns true when it was '-'.
bool take_sign(std::string_view& text) {
  if (text.empty() || (text[0] != '+' && text[0] != '-')) return false;
  bool negative = text[0] == '-';
  text.remove_prefix(1);
  return negative;
}

bool is_infinity_word(std::string_view unsigned_text) {
  return ascii_iequals(unsigned_text, "infinity") || ascii_iequals(unsigned_text, "inf");
}

// Reads exactly `count` digits at `pos` into `out`.
bool read_digits(std::string_view text, size_t& pos, size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (size_t i = 0; i < count; ++i) {
    if (!is_ascii_digit(text[pos + i])) return false;
    out = out * 10 + (text[pos + i] - '0');
  }
  pos += count;
  return true;
}

bool read_date(std::string_view text, size_t& pos) {
  int year = 0, month = 0, day = 0;
  if (!read_digits(text, pos, 4, year)) return false;
  if (pos >= text.size() || text[pos++] != '-') return false;
  if (!read_digits(text, pos, 2, month)) return false;
  if (pos >= text.size() || text[pos++] != '-') return false;
  if (!read_digits(text, pos, 2, day)) return false;
  return support::is_valid_civil_date(year, month, day);
}

bool read_fraction(std::string_view text, size_t& pos) {
  if (pos >= text.size() || text[pos] != '.') return true;
  ++pos;
  size_t start = pos;
  while (pos < text.size() && is_ascii_digit(text[pos])) ++pos;
  return pos > start;
}

bool read_time(std::string_view text, size_t& pos) {
  int hour = 0, minute = 0, second = 0;
  if (!read_digits(text, pos, 2, hour)) return false;
  if (pos >= text.size() || text[pos++] != ':') return false;
  if (!read_digits(text, pos, 2, minute)) return false;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!read_digits(text, pos, 2, second)) return false;
    if (!read_fraction(text, pos)) return false;
  }
  // 24:00:00 is accepted by the server as the end of the day.
  bool end_of_day = hour == 24 && minute == 0 && second == 0;
  return (hour < 24 || end_of_day) && minute < 60 && second < 61;
}

bool read_zone(std::string_view text, size_t& pos) {
  if (pos == text.size()) return true;
  if (text[pos] == 'Z' || text[pos] == 'z') return ++pos == text.size();
  if (text[pos] != '+' && text[pos] != '-') return false;
  ++pos;
  int hours = 0, minutes = 0;
  if (!read_digits(text, pos, 2, hours)) return false;
  if (pos < text.size() && text[pos] == ':') ++pos;
  if (pos < text.size() && !read_digits(text, pos, 2, minutes)) return false;
  return pos == text.size() && hours <= 15 && minutes < 60;
}

bool is_infinite_datetime(std::string_view text) {
  std::string_view word = text;
  take_sign(word);
  return ascii_iequals(word, "infinity");
}

}  // namespace

std::optional<int64_t> parse_integer_text(std::string_view text) {
  text = trim_ascii_space(text);
  // from_chars takes '-' but not '+'.
  if (text.size() > 1 && text[0] == '+' && text[1] != '-') text.remove_prefix(1);
  if (text.empty() || (text[0] == '-' && text.size() == 1)) return std::nullopt;
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> parse_float_text(std::string_view text) {
  text = trim_ascii_space(text);
  std::string_view magnitude = text;
  bool negative = take_sign(magnitude);
  if (ascii_iequals(magnitude, "nan")) return std::numeric_limits<double>::quiet_NaN();
  if (is_infinity_word(magnitude)) {
    double infinity = std::numeric_limits<double>::infinity();
    return negative ? -infinity : infinity;
  }
  if (magnitude.empty() || magnitude[0] == '+' || magnitude[0] == '-') return std::nullopt;
  double value = 0;
  auto [end, error] = std::from_chars(magnitude.data(), magnitude.data() + magnitude.size(), value,
                                      std::chars_format::general);
  // Overflow and underflow both come back as result_out_of_range, as the
  // server refuses both.
  if (error != std::errc{} || end != magnitude.data() + magnitude.size()) return std::nullopt;
  return negative ? -value : value;
}

std::optional<NumericShape> parse_numeric_text(std::string_view text) {
  text = trim_ascii_space(text);
  std::string_view body = text;
  take_sign(body);
  if (ascii_iequals(text, "nan")) return NumericShape{0, true, false};
  if (is_infinity_word(body)) return NumericShape{0, false, true};

  size_t pos = 0;
  int64_t leading_digits = 0;  // significant digits before the point
  bool any_digit = false;
  bool significant = false;
  for (; pos < body.size() && is_ascii_digit(body[pos]); ++pos) {
    any_digit = true;
    significant = significant || body[pos] != '0';
    if (significant) ++leading_digits;
  }
  int64_t leading_fraction_zeros = 0;  // zeros right after the point
  bool fraction_nonzero = false;
  if (pos < body.size() && body[pos] == '.') {
    for (++pos; pos < body.size() && is_ascii_digit(body[pos]); ++pos) {
      any_digit = true;
      if (body[pos] != '0') fraction_nonzero = true;
      if (!fraction_nonzero) ++leading_fraction_zeros;
    }
  }
  if (!any_digit) return std::nullopt;
  int64_t exponent = 0;
  if (pos < body.size() && (body[pos] == 'e' || body[pos] == 'E')) {
    std::string_view exponent_text = body.substr(pos + 1);
    if (!exponent_text.empty() && exponent_text[0] == '+') exponent_text.remove_prefix(1);
    auto [end, error] =
        std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
    if (error != std::errc{} || end != exponent_text.data() + exponent_text.size()) {
      return std::nullopt;
    }
    pos = body.size();
    // Far beyond what numeric holds either way; keeps the sums below exact.
    exponent = std::clamp<int64_t>(exponent, -1'000'000, 1'000'000);
  }
  if (pos != body.size()) return std::nullopt;

  NumericShape shape;
  if (leading_digits > 0) {
    shape.integer_digits = std::max<int64_t>(0, leading_digits + exponent);
  } else if (fraction_nonzero) {
    // 0.00123e5 = 123: the first significant digit sits at -(zeros + 1).
    shape.integer_digits = std::max<int64_t>(0, exponent - leading_fraction_zeros);
  }
  return shape;
}

std::optional<bool> parse_boolean_text(std::string_view text) {
  text = trim_ascii_space(text);
  if (text == "1") return true;
  if (text == "0") return false;
  if (is_prefix_ignoring_case(text, "true") || is_prefix_ignoring_case(text, "yes")) return true;
  if (is_prefix_ignoring_case(text, "false") || is_prefix_ignoring_case(text, "no")) return false;
  // "o" alone is ambiguous between on and off.
  if (ascii_iequals(text, "on")) return true;
  if (ascii_iequals(text, "of") || ascii_iequals(text, "off")) return false;
  return std::nullopt;
}

bool is_iso_date_text(std::string_view text) {
  text = trim_ascii_space(text);
  if (is_infinite_datetime(text)) return true;
  size_t pos = 0;
  return read_date(text, pos) && pos == text.size();
}

bool is_iso_timestamp_text(std::string_view text) {
  text = trim_ascii_space(text);
  if (is_infinite_datetime(text)) return true;
  size_t pos = 0;
  if (!read_date(text, pos)) return false;
  if (pos == text.size()) return true;
  if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return false;
  ++pos;
  return read_time(text, pos) && read_zone(text, pos);
}

}  // namespace sluice::postgres
