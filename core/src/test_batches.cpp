#include "test_batches.h"

#include <charconv>
#include <chrono>
#include <cstdio>

#include <sluice/plugin.hpp>

namespace sluice::core {
namespace {

enum class InputType { kNull, kText, kInt, kFloat, kBool };

InputType TypeOfInput(const ConfigJson& value) {
  if (value.is_null()) return InputType::kNull;
  if (value.is_boolean()) return InputType::kBool;
  if (value.is_number_integer()) return InputType::kInt;
  if (value.is_number()) return InputType::kFloat;
  return InputType::kText;
}

const char* InputTypeName(InputType type) {
  switch (type) {
    case InputType::kText: return "a string";
    case InputType::kInt: return "an integer";
    case InputType::kFloat: return "a number";
    case InputType::kBool: return "a boolean";
    case InputType::kNull: break;
  }
  return "null";
}

// The value a record gives `column`, else the default's, else null.
ConfigJson InputValue(const InputRecord& record, const InputRecord& defaults, const std::string& column) {
  for (const auto& [name, value] : record)
    if (name == column) return value;
  for (const auto& [name, value] : defaults)
    if (name == column) return value;
  return nullptr;
}

std::vector<std::string> InputColumnNames(const std::vector<InputRecord>& records,
                                          const InputRecord& defaults) {
  std::vector<std::string> names;
  auto add = [&names](const std::string& name) {
    for (const std::string& n : names)
      if (n == name) return;
    names.push_back(name);
  };
  for (const InputRecord& record : records)
    for (const auto& [name, value] : record) add(name);
  for (const auto& [name, value] : defaults) add(name);
  return names;
}

template <class Builder, class Get>
Column BuildInputColumn(const std::string& name, const std::vector<ConfigJson>& values, Get get) {
  Builder builder;
  builder.reserve(static_cast<int64_t>(values.size()));
  for (const ConfigJson& v : values) {
    if (v.is_null())
      builder.append_null();
    else
      builder.append(get(v));
  }
  return builder.finish(name);
}

Result<Column> InputColumn(const std::string& name, const std::vector<ConfigJson>& values) {
  InputType type = InputType::kNull;
  for (const ConfigJson& v : values) {
    InputType t = TypeOfInput(v);
    if (t == InputType::kNull || t == type) continue;
    if (type != InputType::kNull) {
      return config_error("input column '" + name + "' is given both " + InputTypeName(type) + " and " +
                          InputTypeName(t) + "; quote the values to make them all strings");
    }
    type = t;
  }
  switch (type) {
    case InputType::kInt:
      return BuildInputColumn<Int64Builder>(name, values,
                                            [](const ConfigJson& v) { return v.get<int64_t>(); });
    case InputType::kFloat:
      return BuildInputColumn<Float64Builder>(name, values,
                                              [](const ConfigJson& v) { return v.get<double>(); });
    case InputType::kBool:
      return BuildInputColumn<BoolBuilder>(name, values, [](const ConfigJson& v) { return v.get<bool>(); });
    default:
      return BuildInputColumn<Utf8Builder>(name, values, [](const ConfigJson& v) {
        return std::string_view(v.get_ref<const std::string&>());
      });
  }
}

std::string DateText(int32_t days) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

std::string TimestampText(int64_t micros) {
  using namespace std::chrono;
  const sys_time<microseconds> at{microseconds{micros}};
  const sys_days day = floor<days>(at);
  const hh_mm_ss<microseconds> time{at - day};
  const int32_t day_number = static_cast<int32_t>(day.time_since_epoch().count());
  char text[64];
  std::snprintf(text, sizeof text, "T%02d:%02d:%02d", static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  std::string out = DateText(day_number) + text;
  if (const auto fraction = time.subseconds().count(); fraction != 0) {
    std::snprintf(text, sizeof text, ".%06lld", static_cast<long long>(fraction));
    out += text;
  }
  return out + "Z";
}

std::string DoubleText(double value) {
  char text[64];
  auto [end, error] = std::to_chars(text, text + sizeof text, value);
  return error == std::errc() ? std::string(text, end) : std::string("?");
}

std::optional<std::string> CellText(const ColumnView& column, int64_t row) {
  if (column.is_null(row)) return std::nullopt;
  const std::string_view f = column.format();
  if (f == format::utf8) return std::string(column.string(row));
  if (f == format::int64) return std::to_string(column.int64(row));
  if (f == format::int32) return std::to_string(column.int32(row));
  if (f == format::float64) return DoubleText(column.float64(row));
  if (f == format::boolean) return column.boolean(row) ? "true" : "false";
  if (f == format::date32) return DateText(column.date32(row));
  if (format::is_timestamp_us(f)) return TimestampText(column.timestamp_us(row));
  return "<a value of Arrow type '" + std::string(f) + "'>";
}

}  // namespace

Result<ArrowBatch> MakeInputBatch(const std::vector<InputRecord>& records, const InputRecord& defaults) {
  BatchBuilder builder(static_cast<int64_t>(records.size()));
  for (const std::string& name : InputColumnNames(records, defaults)) {
    std::vector<ConfigJson> values;
    for (const InputRecord& record : records) values.push_back(InputValue(record, defaults, name));
    SLUICE_ASSIGN_OR_RETURN(Column column, InputColumn(name, values));
    builder.add(std::move(column));
  }
  ArrowBatch batch;
  builder.finish().release_into(batch.schema(), batch.array());
  return batch;
}

std::vector<OutputRow> ReadOutputRows(const ArrowBatch& batch) {
  std::vector<OutputRow> rows;
  if (!batch.valid()) return rows;
  const BatchView view(batch.schema(), batch.array());
  rows.resize(static_cast<size_t>(view.num_rows()));
  for (int64_t r = 0; r < view.num_rows(); ++r) {
    for (const ColumnView& column : view.columns()) {
      rows[r].emplace_back(std::string(column.name()), CellText(column, r));
    }
  }
  return rows;
}

CellValue CellOf(const OutputRow& row, const std::string& field) {
  for (const auto& [name, value] : row) {
    if (name == field) return value ? CellValue::Of(*value) : CellValue::Null();
  }
  return CellValue::Absent();
}

}  // namespace sluice::core
