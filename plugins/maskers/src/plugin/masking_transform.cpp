#include "masking_transform.h"

#include <algorithm>

namespace sluice::maskers {
namespace {

std::size_t index_of(const sluice::OwnedBatch& batch, const std::string& name) {
  const auto& columns = batch.columns();
  const auto found =
      std::find_if(columns.begin(), columns.end(), [&](const auto& c) { return c.name() == name; });
  return static_cast<std::size_t>(found - columns.begin());
}

// Puts `column` where `replaced` was, dropping any other column already
// named like it (a map `{ip: masked_ip}` on a batch that has `masked_ip`).
void replace_column(sluice::OwnedBatch& batch, const std::string& replaced, sluice::Column column) {
  if (column.name() != replaced) batch.drop_column(column.name());
  batch.columns()[index_of(batch, replaced)] = std::move(column);
}

}  // namespace

sluice::OwnedBatch MaskingTransform::process(sluice::OwnedBatch in, sluice::Rejector& rejects) {
  for (std::size_t field = 0; field < fields_.size(); ++field) {
    transform_column(in, field, Direction::mask, rejects);
  }
  return in;
}

support::Status MaskingTransform::unmask_value(std::size_t, std::string_view, std::string&) {
  return support::unsupported_error("this masker is one-way");
}

sluice::OwnedBatch MaskingTransform::unmask_columns(sluice::OwnedBatch in, sluice::Rejector& rejects) {
  bool any = false;
  for (std::size_t field = 0; field < fields_.size(); ++field) {
    if (in.find(fields_[field].output) == nullptr) continue;
    transform_column(in, field, Direction::unmask, rejects);
    any = true;
  }
  if (!any) {
    throw sluice::ConfigError(
        "the input has none of the masked columns (columns: " + in.view().column_names() + ")");
  }
  return in;
}

void MaskingTransform::transform_column(sluice::OwnedBatch& batch, std::size_t field, Direction direction,
                                        sluice::Rejector& rejects) {
  const FieldMapping& mapping = fields_[field];
  const std::string& from = direction == Direction::mask ? mapping.input : mapping.output;
  const std::string& to = direction == Direction::mask ? mapping.output : mapping.input;
  const sluice::ColumnView values = batch.column(from).view();
  if (values.format() != sluice::format::utf8) {
    throw sluice::ConfigError("column '" + from + "' has type '" + std::string(values.format()) +
                              "'; maskers take string columns");
  }

  sluice::Utf8Builder out;
  out.reserve(values.length());
  for (int64_t row = 0; row < values.length(); ++row) {
    if (values.is_null(row)) {
      out.append_null();
      continue;
    }
    const std::string_view value = values.string(row);
    if (value.empty()) {
      out.append(value);
      continue;
    }
    const support::Status status = direction == Direction::mask ? mask_value(field, value, masked_)
                                                                : unmask_value(field, value, masked_);
    if (status.ok()) {
      out.append(masked_);
    } else {
      rejects.reject(row, "field '" + from + "': " + status.message());
      out.append_null();  // the row leaves the batch; this only keeps the column's length
    }
  }
  replace_column(batch, from, out.finish(to));
}

}  // namespace sluice::maskers
