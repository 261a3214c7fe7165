// A read-only view of one incoming batch: column names and kinds, and the
// value of any cell. The plugin layer implements it over Arrow arrays; the
// tests over plain vectors.
#pragma once

#include <cstdint>
#include <vector>

#include "column_plan.h"
#include "value.h"

namespace sluice::postgres {

class InputBatch {
 public:
  virtual ~InputBatch() = default;
  virtual const std::vector<BatchColumn>& columns() const = 0;
  virtual int64_t row_count() const = 0;
  virtual Value value(size_t column, int64_t row) const = 0;
};

}  // namespace sluice::postgres
