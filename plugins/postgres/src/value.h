// One cell of an incoming batch, as the sink's conversions see it. The kinds
// are the column types of the plugin ABI (utf8, int64/int32, float64,
// boolean, date32, timestamp[us, UTC]).
#pragma once

#include <cstdint>
#include <string_view>

namespace sluice::postgres {

enum class ValueKind { kNull, kText, kInt64, kFloat64, kBoolean, kDate, kTimestamp };

struct Value {
  ValueKind kind = ValueKind::kNull;
  std::string_view text;  // kText (borrowed from the batch)
  // kInt64: the integer; kDate: days since 1970-01-01;
  // kTimestamp: microseconds since 1970-01-01T00:00:00Z.
  int64_t integer = 0;
  double real = 0;  // kFloat64
  bool boolean = false;

  static Value null() { return {}; }
  static Value of_text(std::string_view v) { return {ValueKind::kText, v, 0, 0, false}; }
  static Value of_int64(int64_t v) { return {ValueKind::kInt64, {}, v, 0, false}; }
  static Value of_float64(double v) { return {ValueKind::kFloat64, {}, 0, v, false}; }
  static Value of_boolean(bool v) { return {ValueKind::kBoolean, {}, 0, 0, v}; }
  static Value of_date(int64_t days) { return {ValueKind::kDate, {}, days, 0, false}; }
  static Value of_timestamp(int64_t micros) { return {ValueKind::kTimestamp, {}, micros, 0, false}; }
};

// The kind's name as users see it in pipeline files, for messages.
std::string_view value_kind_name(ValueKind kind);

}  // namespace sluice::postgres
