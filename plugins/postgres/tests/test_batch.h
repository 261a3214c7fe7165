// Test doubles: a batch held in vectors, and a reporter that records what
// the sink tells it.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "delivery_reporter.h"
#include "input_batch.h"

namespace sluice::postgres::testing {

class VectorBatch : public InputBatch {
 public:
  explicit VectorBatch(std::vector<BatchColumn> columns) : columns_(std::move(columns)) {}

  // Values of one row, in column order; strings are kept alive here.
  VectorBatch& row(std::vector<Value> values) {
    rows_.push_back(std::move(values));
    return *this;
  }
  VectorBatch& text_row(const std::vector<std::string>& texts) {
    std::vector<Value> values;
    for (const auto& text : texts) values.push_back(this->text(text));
    return row(std::move(values));
  }
  // A text value whose bytes this batch keeps alive.
  Value text(std::string value) {
    strings_.push_back(std::make_unique<std::string>(std::move(value)));
    return Value::of_text(*strings_.back());
  }

  const std::vector<BatchColumn>& columns() const override { return columns_; }
  int64_t row_count() const override { return static_cast<int64_t>(rows_.size()); }
  Value value(size_t column, int64_t row) const override { return rows_[row][column]; }

 private:
  std::vector<BatchColumn> columns_;
  std::vector<std::vector<Value>> rows_;
  std::vector<std::unique_ptr<std::string>> strings_;
};

class RecordingReporter : public DeliveryReporter {
 public:
  void reject(RowOrigin origin, const std::string& reason) override {
    rejected[{origin.write_id, origin.row}] = reason;
  }
  void committed(uint64_t write_id) override { committed_writes.push_back(write_id); }

  std::map<std::pair<uint64_t, int64_t>, std::string> rejected;
  std::vector<uint64_t> committed_writes;
};

}  // namespace sluice::postgres::testing
