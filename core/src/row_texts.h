// One column of a source batch as text, row by row, in one buffer. The host
// keeps every message's id and body until the message settles (the
// dead-letter sink needs them to identify and replay a row); a string per
// row cost two heap allocations for every message received.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arrow_batch.h"

namespace sluice::core {

class RowTexts {
 public:
  RowTexts() = default;

  // The column `name` of `batch`: utf8 values as they are, integers as
  // text, nulls and any other type as null. No such column: no rows.
  static RowTexts copy(const ArrowBatch& batch, std::string_view name);

  int64_t size() const { return static_cast<int64_t>(ends_.size()); }
  // The text of `row`; nullopt when it is null or beyond the column. The
  // view lives as long as this object.
  std::optional<std::string_view> at(int64_t row) const;

 private:
  void append_null();
  void append(std::string_view value);

  std::string text_;           // every row's text, one after the other
  std::vector<size_t> ends_;   // where each row's text ends in text_
  std::vector<bool> present_;  // false: the row is null
};

}  // namespace sluice::core
