#include "row_encoder.h"

#include <optional>
#include <string>

#include <sluice/support/utf8.hpp>

#include "copy_text.h"
#include "value_conversion.h"

namespace sluice::postgres {
namespace {

std::string column_reason(const TableColumn& column, const std::string& why) {
  return "column " + column.name + " (" + column.type.sql_name + "): " + why;
}

// Appends the row's fields; the reason it cannot be written otherwise.
std::optional<std::string> append_fields(const InputBatch& batch, int64_t row, const ColumnPlan& plan,
                                         std::string& out) {
  bool first = true;
  for (const auto& planned : plan.columns) {
    if (!first) out.push_back(kCopyFieldSeparator);
    first = false;
    Value value = batch.value(planned.batch_index, row);
    if (value.kind == ValueKind::kNull && planned.target.not_null) {
      return column_reason(planned.target, "NOT NULL but the value is missing");
    }
    if (auto why = append_converted(out, value, planned.target.type)) {
      return column_reason(planned.target, *why);
    }
  }
  return std::nullopt;
}

// exactly_once: the message id as text, or why the row has none.
std::optional<std::string> message_id_text(const InputBatch& batch, int64_t row, size_t column,
                                           std::string& text) {
  Value value = batch.value(column, row);
  const std::string& name = batch.columns()[column].name;
  if (value.kind == ValueKind::kText && !value.text.empty()) {
    if (!support::utf8_code_points(value.text) || value.text.find('\0') != std::string_view::npos) {
      return "message id column " + name + " is not valid UTF-8 text";
    }
    text.assign(value.text);
  } else if (value.kind == ValueKind::kInt64) {
    text = std::to_string(value.integer);
  } else {
    return "message id column " + name + " is empty, so exactly_once cannot track the row";
  }
  return std::nullopt;
}

}  // namespace

EncodeCounts encode_rows(const InputBatch& batch, uint64_t write_id, const ColumnPlan& plan,
                         PendingRows& pending, DeliveryReporter& reporter) {
  EncodeCounts counts;
  std::string message_id;
  for (int64_t row = 0; row < batch.row_count(); ++row) {
    pending.begin_row();
    std::optional<std::string> why = append_fields(batch, row, plan, pending.buffer());
    if (!why && plan.message_id_index) {
      why = message_id_text(batch, row, *plan.message_id_index, message_id);
    }
    if (why) {
      pending.drop_row();
      reporter.reject({write_id, row}, *why);
      ++counts.rejected;
      continue;
    }
    if (!plan.message_id_index) {
      pending.end_row({write_id, row});
    } else if (!pending.end_row_with_message_id({write_id, row}, message_id)) {
      ++counts.duplicates;
      continue;
    }
    ++counts.accepted;
  }
  pending.add_write(write_id);
  return counts;
}

}  // namespace sluice::postgres
