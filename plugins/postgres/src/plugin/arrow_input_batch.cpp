#include "arrow_input_batch.h"

#include <string>

namespace sluice::postgres {

std::optional<ArrowInputBatch::ColumnShape> ArrowInputBatch::shape_of(std::string_view format) {
  if (format == sluice::format::utf8) return ColumnShape{Layout::kUtf8, ValueKind::kText};
  if (format == sluice::format::int64) return ColumnShape{Layout::kInt64, ValueKind::kInt64};
  if (format == sluice::format::int32) return ColumnShape{Layout::kInt32, ValueKind::kInt64};
  if (format == sluice::format::float64) return ColumnShape{Layout::kFloat64, ValueKind::kFloat64};
  if (format == sluice::format::boolean) return ColumnShape{Layout::kBoolean, ValueKind::kBoolean};
  if (format == sluice::format::date32) return ColumnShape{Layout::kDate32, ValueKind::kDate};
  if (sluice::format::is_timestamp_us(format)) {
    return ColumnShape{Layout::kTimestampUs, ValueKind::kTimestamp};
  }
  return std::nullopt;
}

ArrowInputBatch::ArrowInputBatch(const sluice::BatchView& batch) : batch_(batch) {
  for (const sluice::ColumnView& column : batch.columns()) {
    std::optional<ColumnShape> shape = shape_of(column.format());
    if (!shape) {
      throw sluice::ConfigError("column " + std::string(column.name()) + " has Arrow type '" +
                                std::string(column.format()) + "', which the postgres sink cannot write");
    }
    columns_.push_back({std::string(column.name()), shape->kind});
    layouts_.push_back(shape->layout);
  }
}

Value ArrowInputBatch::value(size_t column, int64_t row) const {
  const sluice::ColumnView& view = batch_.columns()[column];
  if (view.is_null(row)) return Value::null();
  switch (layouts_[column]) {
    case Layout::kUtf8: return Value::of_text(view.string(row));
    case Layout::kInt64: return Value::of_int64(view.int64(row));
    case Layout::kInt32: return Value::of_int64(view.int32(row));
    case Layout::kFloat64: return Value::of_float64(view.float64(row));
    case Layout::kBoolean: return Value::of_boolean(view.boolean(row));
    case Layout::kDate32: return Value::of_date(view.date32(row));
    case Layout::kTimestampUs: return Value::of_timestamp(view.timestamp_us(row));
  }
  return Value::null();
}

}  // namespace sluice::postgres
