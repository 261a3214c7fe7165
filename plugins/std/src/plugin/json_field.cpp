#include "json_field.h"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

namespace sluice::standard {
namespace {

constexpr std::array<std::pair<JsonType, const char*>, 7> kTypeNames{{
    {JsonType::string, "string"},
    {JsonType::int64, "int64"},
    {JsonType::float64, "float64"},
    {JsonType::boolean, "bool"},
    {JsonType::date, "date"},
    {JsonType::timestamp, "timestamp"},
    {JsonType::json, "json"},
}};

JsonType json_type_named(const std::string& name, const std::string& option) {
  for (const auto& [type, type_name] : kTypeNames) {
    if (name == type_name) return type;
  }
  throw sluice::ConfigError("option '" + option + "' has unknown type '" + name +
                            "' (types: string, int64, float64, bool, date, timestamp, json)");
}

std::vector<std::string> split_path(const std::string& path, const std::string& option) {
  std::vector<std::string> keys;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    keys.push_back(path.substr(start, dot - start));
    if (keys.back().empty()) {
      throw sluice::ConfigError("option '" + option + "' has an empty key in path '" + path + "'");
    }
    if (dot == std::string::npos) return keys;
    start = dot + 1;
  }
}

JsonField field_from(const std::string& column, const nlohmann::json& spec, const std::string& option) {
  JsonField field;
  field.column = column;
  std::string type_name;
  std::string type_option = option;
  if (spec.is_string()) {
    field.path = column;
    type_name = spec.get<std::string>();
  } else if (spec.is_object()) {
    const sluice::Config sub(spec, option);
    field.path = sub.string("path", column);
    type_name = sub.require<std::string>("type");
    type_option = sub.path("type");
  } else {
    throw sluice::ConfigError("option '" + option + "' must be a type name or {path, type}");
  }
  field.keys = split_path(field.path, option);
  field.type = json_type_named(type_name, type_option);
  return field;
}

}  // namespace

const char* json_type_name(JsonType type) {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return "unknown";
}

std::vector<JsonField> json_fields_from(const sluice::Config& config) {
  const sluice::Config fields = config.object("fields");
  std::vector<JsonField> out;
  for (const std::string& column : fields.keys()) {
    out.push_back(field_from(column, nlohmann::json(fields.ordered_json().at(column)), fields.path(column)));
  }
  if (out.empty()) throw sluice::ConfigError("option 'fields' is empty");
  for (const std::string& name : config.string_list("required")) {
    auto it = std::find_if(out.begin(), out.end(), [&](const JsonField& f) { return f.column == name; });
    if (it == out.end()) {
      throw sluice::ConfigError("option 'required' names '" + name + "', which is not in 'fields'");
    }
    it->required = true;
  }
  return out;
}

}  // namespace sluice::standard
