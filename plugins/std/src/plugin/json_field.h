// What the `json` transform extracts: one output column per entry of its
// `fields` option.
//
//   fields:
//     user_id: string            # column "user_id" from key "user_id"
//     device.os: string          # column "device.os" from the nested path
//     os: {path: device.os, type: string}   # the same value, named "os"
#pragma once

#include <sluice/plugin.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace sluice::standard {

enum class JsonType { string, int64, float64, boolean, date, timestamp, json };

struct JsonField {
  std::string column;             // output column name
  std::string path;               // dotted path, as written
  std::vector<std::string> keys;  // the path split at dots
  JsonType type;
  bool required = false;
};

// The names accepted in configurations: "string", "int64", "float64",
// "bool", "date", "timestamp", "json".
const char* json_type_name(JsonType type);

// Reads `fields` and `required`; throws ConfigError naming the offending
// option.
std::vector<JsonField> json_fields_from(const sluice::Config& config);

}  // namespace sluice::standard
