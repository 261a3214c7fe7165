#include "test_batches.h"

#include <charconv>
#include <chrono>
#include <cstdio>

#include <sluice/plugin.hpp>

namespace sluice::core {
namespace {

enum class InputType { kNull, kText, kInt, kFloat, kBool };

InputType type_of_input(const ConfigJson& value) {
  if (value.is_null()) return InputType::kNull;
  if (value.is_boolean()) return InputType::kBool;
  if (value.is_number_integer()) return InputType::kInt;
  if (value.is_number()) return InputType::kFloat;
  return InputType::kText;
}

const char* input_type_name(InputType type) {
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
ConfigJson input_value(const InputRecord& record, const InputRecord& defaults, const std::string& column) {
  for (const auto& [name, value] : record)
    if (name == column) return value;
  for (const auto& [name, value] : defaults)
    if (name == column) return value;
  return nullptr;
}

std::vector<std::string> input_column_names(const std::vector<InputRecord>& records,
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
Column build_input_column(const std::string& name, const std::vector<ConfigJson>& values, Get get) {
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

Result<Column> input_column(const std::string& name, const std::vector<ConfigJson>& values) {
  InputType type = InputType::kNull;
  for (const ConfigJson& v : values) {
    InputType t = type_of_input(v);
    if (t == InputType::kNull || t == type) continue;
    if (type != InputType::kNull) {
      return config_error("input column '" + name + "' is given both " + input_type_name(type) + " and " +
                          input_type_name(t) + "; quote the values to make them all strings");
    }
    type = t;
  }
  switch (type) {
    case InputType::kInt:
      return build_input_column<Int64Builder>(name, values,
                                              [](const ConfigJson& v) { return v.get<int64_t>(); });
    case InputType::kFloat:
      return build_input_column<Float64Builder>(name, values,
                                                [](const ConfigJson& v) { return v.get<double>(); });
    case InputType::kBool:
      return build_input_column<BoolBuilder>(name, values, [](const ConfigJson& v) { return v.get<bool>(); });
    default:
      return build_input_column<Utf8Builder>(name, values, [](const ConfigJson& v) {
        return std::string_view(v.get_ref<const std::string&>());
      });
  }
}

std::string date_text(int32_t days) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

std::string timestamp_text(int64_t micros) {
  using namespace std::chrono;
  const sys_time<microseconds> at{microseconds{micros}};
  const sys_days day = floor<days>(at);
  const hh_mm_ss<microseconds> time{at - day};
  const int32_t day_number = static_cast<int32_t>(day.time_since_epoch().count());
  char text[64];
  std::snprintf(text, sizeof text, "T%02d:%02d:%02d", static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  std::string out = date_text(day_number) + text;
  if (const auto fraction = time.subseconds().count(); fraction != 0) {
    std::snprintf(text, sizeof text, ".%06lld", static_cast<long long>(fraction));
    out += text;
  }
  return out + "Z";
}

std::string double_text(double value) {
  char text[64];
  auto [end, error] = std::to_chars(text, text + sizeof text, value);
  return error == std::errc() ? std::string(text, end) : std::string("?");
}

std::optional<std::string> cell_text(const ColumnView& column, int64_t row) {
  if (column.is_null(row)) return std::nullopt;
  const std::string_view f = column.format();
  if (f == format::utf8) return std::string(column.string(row));
  if (f == format::int64) return std::to_string(column.int64(row));
  if (f == format::int32) return std::to_string(column.int32(row));
  if (f == format::float64) return double_text(column.float64(row));
  if (f == format::boolean) return column.boolean(row) ? "true" : "false";
  if (f == format::date32) return date_text(column.date32(row));
  if (format::is_timestamp_us(f)) return timestamp_text(column.timestamp_us(row));
  return "<a value of Arrow type '" + std::string(f) + "'>";
}

}  // namespace

Result<ArrowBatch> make_input_batch(const std::vector<InputRecord>& records, const InputRecord& defaults) {
  BatchBuilder builder(static_cast<int64_t>(records.size()));
  for (const std::string& name : input_column_names(records, defaults)) {
    std::vector<ConfigJson> values;
    for (const InputRecord& record : records) values.push_back(input_value(record, defaults, name));
    SLUICE_ASSIGN_OR_RETURN(Column column, input_column(name, values));
    builder.add(std::move(column));
  }
  ArrowBatch batch;
  builder.finish().release_into(batch.schema(), batch.array());
  return batch;
}

std::vector<OutputRow> read_output_rows(const ArrowBatch& batch) {
  std::vector<OutputRow> rows;
  if (!batch.valid()) return rows;
  const BatchView view(batch.schema(), batch.array());
  rows.resize(static_cast<size_t>(view.num_rows()));
  for (int64_t r = 0; r < view.num_rows(); ++r) {
    for (const ColumnView& column : view.columns()) {
      rows[r].emplace_back(std::string(column.name()), cell_text(column, r));
    }
  }
  return rows;
}

CellValue cell_of(const OutputRow& row, const std::string& field) {
  for (const auto& [name, value] : row) {
    if (name == field) return value ? CellValue::of(*value) : CellValue::null();
  }
  return CellValue::absent();
}

}  // namespace sluice::core
