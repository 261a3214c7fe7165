// The `fields` transform: reshapes columns. Its options apply in this
// order, whatever order they are written in:
//   1. rename   {old: new}           (a column already named `new` is replaced)
//   2. convert  {column: type}       int64, float64, date, version_int
//   3. set      {column: constant}   string, number, bool, today, now
//   4. drop     [column, ...]        absent columns are ignored
// so `convert` and `set` name columns by their new names, and `drop` can
// remove a column that `rename` or `set` produced.
#pragma once

#include "column_conversion.h"
#include "constant_column.h"

#include <sluice/plugin.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace sluice::standard {

class FieldsTransform final : public sluice::Transform {
 public:
  static constexpr sluice::PluginInfo info{.name = "fields",
                                           .version = "1.0.0",
                                           .description = "Renames, converts, sets and drops columns",
                                           .config_schema = R"({
  "type": "object",
  "properties": {
    "rename": {"type": "object", "additionalProperties": {"type": "string"},
               "description": "Old column name -> new name"},
    "convert": {"type": "object",
                "additionalProperties": {"type": "string",
                                         "enum": ["int64", "float64", "date", "version_int"]},
                "description": "Column -> type to convert it to; a value that cannot convert rejects its row"},
    "set": {"type": "object",
            "additionalProperties": {"type": ["string", "integer", "number", "boolean"]},
            "description": "Column -> constant; the words today (date) and now (timestamp) are evaluated per batch"},
    "drop": {"type": "array", "items": {"type": "string"},
             "description": "Columns to remove"}
  },
  "additionalProperties": false
})"};

  using Clock = std::function<std::chrono::system_clock::time_point()>;

  explicit FieldsTransform(const sluice::Config& config, Clock clock = &std::chrono::system_clock::now);

  sluice::OwnedBatch process(sluice::OwnedBatch in, sluice::Rejector& rejects) override;

 private:
  void rename(sluice::OwnedBatch& batch) const;
  void convert(sluice::OwnedBatch& batch, sluice::Rejector& rejects) const;
  void set(sluice::OwnedBatch& batch) const;
  void drop(sluice::OwnedBatch& batch) const;

  std::vector<std::pair<std::string, std::string>> renames_;
  std::vector<std::pair<std::string, Conversion>> conversions_;
  std::vector<std::pair<std::string, Constant>> constants_;
  std::vector<std::string> drops_;
  Clock clock_;
};

}  // namespace sluice::standard
