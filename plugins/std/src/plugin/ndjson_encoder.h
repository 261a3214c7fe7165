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
  enum class Kind { utf8, int64, int32, float64, boolean, date32, timestamp };
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
