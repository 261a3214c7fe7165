#include "value_conversion.h"

#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include <sluice/support/ascii.hpp>
#include <sluice/support/utf8.hpp>
#include "copy_text.h"
#include "datetime_format.h"

#include "text_syntax.h"

namespace sluice::postgres {
namespace {

using Failure = std::optional<std::string>;

struct IntegerRange {
  int64_t min;
  int64_t max;
};

IntegerRange range_of(TypeFamily family) {
  switch (family) {
    case TypeFamily::kSmallint: return {-32768, 32767};
    case TypeFamily::kInteger: return {-2147483648LL, 2147483647LL};
    default: return {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()};
  }
}

Failure out_of_range(const ColumnType& type) { return "out of range for " + type.sql_name; }

void append_int(std::string& out, int64_t number) {
  char digits[24];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, number).ptr);
}

// Shortest text that reads back as the same double; the server's spelling
// for the special values.
void append_double(std::string& out, double number) {
  if (std::isnan(number)) {
    out.append("NaN");
  } else if (std::isinf(number)) {
    out.append(number > 0 ? "Infinity" : "-Infinity");
  } else {
    char digits[32];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, number).ptr);
  }
}

int64_t decimal_digits(int64_t number) {
  int64_t digits = 0;
  for (uint64_t magnitude = number < 0 ? 0 - static_cast<uint64_t>(number) : number; magnitude != 0;
       magnitude /= 10) {
    ++digits;
  }
  return digits;
}

// numeric(P, S) holds at most P - S digits before the point.
Failure check_numeric_digits(int64_t integer_digits, const ColumnType& type) {
  if (type.precision && integer_digits > *type.precision - type.scale) {
    return "too many digits for " + type.sql_name;
  }
  return std::nullopt;
}

Failure check_numeric_shape(const NumericShape& shape, const ColumnType& type) {
  if (shape.is_infinite && type.precision) return "infinite value for " + type.sql_name;
  if (shape.is_nan || shape.is_infinite) return std::nullopt;
  return check_numeric_digits(shape.integer_digits, type);
}

Failure check_real_range(double number, const ColumnType& type) {
  if (type.family != TypeFamily::kReal || !std::isfinite(number) || number == 0) {
    return std::nullopt;
  }
  double magnitude = std::fabs(number);
  if (magnitude > FLT_MAX || magnitude < FLT_TRUE_MIN) return out_of_range(type);
  return std::nullopt;
}

// The text must be storable at all, and fit varchar(N)/char(N): longer
// text is refused unless the excess is spaces, which the server trims.
Failure check_character_text(std::string_view text, const ColumnType& type) {
  std::optional<size_t> characters = support::utf8_code_points(text);
  if (!characters) return std::string("not valid UTF-8");
  if (std::memchr(text.data(), '\0', text.size()) != nullptr) {
    return std::string("contains a NUL character");
  }
  if (type.max_chars && *characters > static_cast<size_t>(*type.max_chars)) {
    size_t trailing_spaces = 0;
    while (trailing_spaces < text.size() && text[text.size() - 1 - trailing_spaces] == ' ') {
      ++trailing_spaces;
    }
    if (*characters - trailing_spaces > static_cast<size_t>(*type.max_chars)) {
      return "longer than " + std::to_string(*type.max_chars) + " characters";
    }
  }
  return std::nullopt;
}

Failure append_character(std::string& out, std::string_view text, const ColumnType& type) {
  if (Failure failure = check_character_text(text, type)) return failure;
  append_copy_escaped(out, text);
  return std::nullopt;
}

Failure append_integer(std::string& out, int64_t number, const ColumnType& type) {
  IntegerRange range = range_of(type.family);
  if (number < range.min || number > range.max) return out_of_range(type);
  append_int(out, number);
  return std::nullopt;
}

Failure append_text_as_float(std::string& out, std::string_view text, const ColumnType& type) {
  std::optional<double> number = parse_float_text(text);
  if (!number) return std::string("not a number");
  if (Failure failure = check_real_range(*number, type)) return failure;
  append_double(out, *number);
  return std::nullopt;
}

Failure append_text(std::string& out, std::string_view text, const ColumnType& type) {
  switch (type.family) {
    case TypeFamily::kText:
    case TypeFamily::kVarchar:
    case TypeFamily::kChar:
    case TypeFamily::kOther: return append_character(out, text, type);
    case TypeFamily::kSmallint:
    case TypeFamily::kInteger:
    case TypeFamily::kBigint: {
      std::optional<int64_t> number = parse_integer_text(text);
      if (!number) return std::string("not an integer");
      return append_integer(out, *number, type);
    }
    case TypeFamily::kNumeric: {
      std::optional<NumericShape> shape = parse_numeric_text(text);
      if (!shape) return std::string("not a number");
      if (Failure failure = check_numeric_shape(*shape, type)) return failure;
      out.append(support::trim_ascii_space(text));  // only digits, signs, '.', 'e' and letters
      return std::nullopt;
    }
    case TypeFamily::kReal:
    case TypeFamily::kDouble: return append_text_as_float(out, text, type);
    case TypeFamily::kBoolean: {
      std::optional<bool> flag = parse_boolean_text(text);
      if (!flag) return std::string("not a boolean");
      out.push_back(*flag ? 't' : 'f');
      return std::nullopt;
    }
    case TypeFamily::kDate:
      if (!is_iso_date_text(text)) return std::string("not an ISO 8601 date (YYYY-MM-DD)");
      append_copy_escaped(out, support::trim_ascii_space(text));
      return std::nullopt;
    case TypeFamily::kTimestamp:
    case TypeFamily::kTimestamptz:
      if (!is_iso_timestamp_text(text)) return std::string("not an ISO 8601 timestamp");
      append_copy_escaped(out, support::trim_ascii_space(text));
      return std::nullopt;
  }
  return std::string("unsupported column type");
}

// Values of the other kinds become text the way the server would print them.
Failure append_as_character(std::string& out, const std::string& text, const ColumnType& type) {
  return append_character(out, text, type);
}

Failure append_int64(std::string& out, int64_t number, const ColumnType& type) {
  if (is_integer_family(type.family)) return append_integer(out, number, type);
  if (type.family == TypeFamily::kNumeric) {
    if (Failure failure = check_numeric_digits(decimal_digits(number), type)) return failure;
    append_int(out, number);
    return std::nullopt;
  }
  std::string text;
  append_int(text, number);
  if (is_character_family(type.family)) return append_as_character(out, text, type);
  out.append(text);  // real and double precision read integers as they are
  return std::nullopt;
}

Failure append_float64(std::string& out, double number, const ColumnType& type) {
  if (is_integer_family(type.family)) {
    // 2^63 is exact in double; anything at or beyond it cannot be an int64.
    constexpr double kTwoTo63 = 9223372036854775808.0;
    if (!std::isfinite(number) || std::trunc(number) != number) {
      return std::string("not an integer");
    }
    if (number < -kTwoTo63 || number >= kTwoTo63) return out_of_range(type);
    return append_integer(out, static_cast<int64_t>(number), type);
  }
  std::string text;
  append_double(text, number);
  if (is_character_family(type.family)) return append_as_character(out, text, type);
  if (type.family == TypeFamily::kNumeric) {
    if (Failure failure = check_numeric_shape(*parse_numeric_text(text), type)) return failure;
  }
  if (Failure failure = check_real_range(number, type)) return failure;
  out.append(text);
  return std::nullopt;
}

Failure append_boolean(std::string& out, bool flag, const ColumnType& type) {
  if (type.family == TypeFamily::kBoolean) {
    out.push_back(flag ? 't' : 'f');
    return std::nullopt;
  }
  return append_as_character(out, flag ? "true" : "false", type);
}

Failure append_date(std::string& out, int64_t days, const ColumnType& type) {
  if (!date_in_server_range(days)) return out_of_range(type);
  if (type.family != TypeFamily::kDate && !day_in_timestamp_range(days)) {
    return out_of_range(type);
  }
  std::string text;
  append_iso_date(text, days);
  if (is_character_family(type.family)) return append_as_character(out, text, type);
  out.append(text);
  return std::nullopt;
}

Failure append_timestamp(std::string& out, int64_t micros, const ColumnType& type) {
  if (!timestamp_in_server_range(micros)) return out_of_range(type);
  ZoneSuffix zone = type.family == TypeFamily::kTimestamp     ? ZoneSuffix::kNone
                    : type.family == TypeFamily::kTimestamptz ? ZoneSuffix::kUtcOffset
                                                              : ZoneSuffix::kZulu;
  std::string text;
  append_iso_timestamp(text, micros, zone);
  if (is_character_family(type.family)) return append_as_character(out, text, type);
  out.append(text);
  return std::nullopt;
}

bool is_numeric_family(TypeFamily family) {
  return is_integer_family(family) || family == TypeFamily::kNumeric || family == TypeFamily::kReal ||
         family == TypeFamily::kDouble;
}

}  // namespace

bool can_convert(ValueKind kind, TypeFamily family) {
  switch (kind) {
    case ValueKind::kNull:
    case ValueKind::kText: return true;
    case ValueKind::kInt64:
    case ValueKind::kFloat64: return is_numeric_family(family) || is_character_family(family);
    case ValueKind::kBoolean: return family == TypeFamily::kBoolean || is_character_family(family);
    case ValueKind::kDate:
      return family == TypeFamily::kDate || family == TypeFamily::kTimestamp ||
             family == TypeFamily::kTimestamptz || is_character_family(family);
    case ValueKind::kTimestamp:
      return family == TypeFamily::kTimestamp || family == TypeFamily::kTimestamptz ||
             is_character_family(family);
  }
  return false;
}

std::optional<std::string> append_converted(std::string& out, const Value& value, const ColumnType& type) {
  if (!can_convert(value.kind, type.family)) {
    return std::string("a ") + std::string(value_kind_name(value.kind)) + " cannot go into " + type.sql_name;
  }
  switch (value.kind) {
    case ValueKind::kNull: out.append(kCopyNull); return std::nullopt;
    case ValueKind::kText: return append_text(out, value.text, type);
    case ValueKind::kInt64: return append_int64(out, value.integer, type);
    case ValueKind::kFloat64: return append_float64(out, value.real, type);
    case ValueKind::kBoolean: return append_boolean(out, value.boolean, type);
    case ValueKind::kDate: return append_date(out, value.integer, type);
    case ValueKind::kTimestamp: return append_timestamp(out, value.integer, type);
  }
  return std::string("unsupported value");
}

}  // namespace sluice::postgres
