// The `json` transform: parses a string column holding JSON objects into
// typed columns. A row whose text is not a JSON object, or whose field has
// the wrong type, or lacks a required field, is rejected with a reason
// naming the field; the other rows go on. Input columns are kept (moved,
// not copied); a parsed column replaces an input column of the same name.
#pragma once

#include "json_column_builder.h"
#include "json_field.h"

#include <simdjson.h>
#include <sluice/plugin.hpp>

#include <optional>
#include <string>
#include <vector>

namespace sluice::standard {

class JsonTransform final : public sluice::Transform {
 public:
  static constexpr sluice::PluginInfo info{.name = "json",
                                           .version = "1.0.0",
                                           .description = "Parses a JSON text column into typed columns",
                                           .config_schema = R"({
  "type": "object",
  "properties": {
    "source": {"type": "string", "default": "body",
               "description": "The utf8 column holding one JSON object per row"},
    "fields": {
      "type": "object",
      "description": "Output column -> type, or -> {path, type} to take a dotted path under another name",
      "additionalProperties": {
        "oneOf": [
          {"type": "string",
           "enum": ["string", "int64", "float64", "bool", "date", "timestamp", "json"]},
          {"type": "object",
           "properties": {
             "path": {"type": "string"},
             "type": {"type": "string",
                      "enum": ["string", "int64", "float64", "bool", "date", "timestamp", "json"]}
           },
           "required": ["type"],
           "additionalProperties": false}
        ]
      }
    },
    "required": {"type": "array", "items": {"type": "string"},
                 "description": "Fields that must be present and not null"}
  },
  "required": ["fields"],
  "additionalProperties": false
})"};

  explicit JsonTransform(const sluice::Config& config);

  sluice::OwnedBatch process(sluice::OwnedBatch in, sluice::Rejector& rejects) override;

  // The option as parsed (tests compare it with the schema's default).
  const std::string& source() const { return source_; }

 private:
  // Appends one entry per column for row `text` (placeholder nulls when the
  // row is rejected) and returns why the row must be rejected, if it must.
  std::optional<std::string> parse_row(std::string_view text, std::vector<JsonColumnBuilder>& columns);
  std::optional<std::string> extract_fields(simdjson::dom::object root,
                                            std::vector<JsonColumnBuilder>& columns);

  std::string source_;
  std::vector<JsonField> fields_;
  // Indexes into fields_: required fields first, in the order of the
  // `required` option, then the others. A row missing several required
  // fields is thus rejected naming the first in that list, whatever order
  // the `fields` map reached us in.
  std::vector<size_t> extraction_order_;
  simdjson::dom::parser parser_;
};

}  // namespace sluice::standard
