// Encodes rows of a batch as JSON objects, one per line (NDJSON): columns
// as keys in batch order; utf8 as strings, integers and floats as numbers,
// bool, date32 as "YYYY-MM-DD", timestamps as RFC 3339 UTC, null as null.
#pragma once

#include <sluice/plugin.hpp>

#include <string>
#include <vector>

namespace sluice::standard {

class NdjsonEncoder {
 public:
  // Throws ConfigError naming a column whose type cannot be written.
  explicit NdjsonEncoder(const sluice::BatchView& batch);

  // Appends row `row` as one JSON object and a newline.
  void append_row(std::string& out, int64_t row) const;

 private:
  enum class Kind { kUtf8, kInt64, kInt32, kFloat64, kBoolean, kDate32, kTimestamp };
  struct Column {
    std::string key;  // the column name as a JSON string, with ':'
    Kind kind;
    sluice::ColumnView view;
  };
  static Kind kind_of(const sluice::ColumnView& column);
  static void append_value(std::string& out, const Column& column, int64_t row);

  std::vector<Column> columns_;
};

}  // namespace sluice::standard
