// Building and reading small string batches for the transform tests.
#pragma once

#include <sluice/plugin.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sluice::maskers::testing {

using Values = std::vector<std::optional<std::string>>;

inline sluice::OwnedBatch make_batch(const std::vector<std::pair<std::string, Values>>& columns) {
  sluice::OwnedBatch batch(columns.empty() ? 0 : static_cast<int64_t>(columns.front().second.size()));
  for (const auto& [name, values] : columns) {
    sluice::Utf8Builder builder;
    for (const auto& value : values) {
      if (value) {
        builder.append(*value);
      } else {
        builder.append_null();
      }
    }
    batch.add_column(builder.finish(name));
  }
  return batch;
}

inline Values strings_of(const sluice::OwnedBatch& batch, const std::string& name) {
  const sluice::ColumnView column = batch.column(name).view();
  Values values;
  for (int64_t row = 0; row < column.length(); ++row) {
    if (column.is_null(row)) {
      values.push_back(std::nullopt);
    } else {
      values.emplace_back(column.string(row));
    }
  }
  return values;
}

inline std::vector<std::string> column_names(const sluice::OwnedBatch& batch) {
  std::vector<std::string> names;
  for (const sluice::Column& column : batch.columns()) names.push_back(column.name());
  return names;
}

}  // namespace sluice::maskers::testing
