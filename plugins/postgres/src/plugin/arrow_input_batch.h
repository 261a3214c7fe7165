// The sink's view of a batch as it arrives through the plugin ABI: Arrow
// columns of the SDK's types read as sink values.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <sluice/plugin.hpp>

#include "input_batch.h"

namespace sluice::postgres {

class ArrowInputBatch : public InputBatch {
 public:
  // Throws sluice::ConfigError for a column type the sink cannot write.
  explicit ArrowInputBatch(const sluice::BatchView& batch);

  const std::vector<BatchColumn>& columns() const override { return columns_; }
  int64_t row_count() const override { return batch_.num_rows(); }
  Value value(size_t column, int64_t row) const override;

 private:
  enum class Layout { kUtf8, kInt64, kInt32, kFloat64, kBoolean, kDate32, kTimestampUs };
  struct ColumnShape {
    Layout layout;
    ValueKind kind;
  };
  static std::optional<ColumnShape> shape_of(std::string_view format);

  const sluice::BatchView& batch_;
  std::vector<BatchColumn> columns_;
  std::vector<Layout> layouts_;
};

}  // namespace sluice::postgres
