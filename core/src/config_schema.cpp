#include "config_schema.h"

#include <charconv>
#include <cmath>

#include "expanded_scalar.h"
#include "suggest.h"

namespace sluice::core {
namespace {

using nlohmann::json;
using Value = ConfigJson;

struct Context {
  std::vector<ConfigIssue>* issues;
};

void report(const YAML::Node& node, const std::string& key_path, std::string message,
            std::vector<ConfigIssue>* issues) {
  YAML::Mark mark = node.Mark();
  int line = mark.is_null() ? 0 : mark.line + 1;
  int column = mark.is_null() ? 0 : mark.column + 1;
  issues->push_back({line, column, key_path, std::move(message)});
}

bool is_plain(const YAML::Node& scalar) { return !is_quoted_scalar(scalar); }

bool parse_int(const std::string& text, int64_t* out) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, *out);
  return ec == std::errc() && ptr == end && begin != end;
}

bool parse_number(const std::string& text, double* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(*out);
}

bool parse_bool(const std::string& text, bool* out) {
  static const char* kTrue[] = {"true", "True", "TRUE", "yes", "Yes", "on", "On"};
  static const char* kFalse[] = {"false", "False", "FALSE", "no", "No", "off", "Off"};
  for (const char* t : kTrue)
    if (text == t) return (*out = true), true;
  for (const char* f : kFalse)
    if (text == f) return (*out = false), true;
  return false;
}

bool is_null_scalar(const YAML::Node& node) {
  if (node.IsNull()) return true;
  if (!node.IsScalar() || !is_plain(node)) return false;
  const std::string& s = node.Scalar();
  return s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::vector<std::string> types_of(const json& schema) {
  std::vector<std::string> types;
  if (!schema.contains("type")) return types;
  const json& t = schema["type"];
  if (t.is_string()) types.push_back(t.get<std::string>());
  if (t.is_array())
    for (const json& each : t)
      if (each.is_string()) types.push_back(each.get<std::string>());
  return types;
}

bool allows(const std::vector<std::string>& types, const char* type) {
  for (const std::string& t : types)
    if (t == type) return true;
  return false;
}

// Quotes a value only when it was written literally in the file: an
// expanded one may be a secret (expanded_scalar.h).
std::string describe(const YAML::Node& node) {
  if (is_null_scalar(node)) return "null";
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  if (was_expanded(node)) return "the value of a ${} expansion (not shown)";
  return "'" + node.Scalar() + "'";
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

Value type_scalar(const YAML::Node& node, const std::vector<std::string>& types, const std::string& key_path,
                  std::vector<ConfigIssue>* issues) {
  const std::string& text = node.Scalar();
  bool plain = is_plain(node);
  if (types.empty()) return infer_scalar(node);
  if (allows(types, "null") && is_null_scalar(node)) return nullptr;
  int64_t i;
  if (allows(types, "integer") && parse_int(text, &i)) return i;
  double d;
  if (allows(types, "number") && parse_number(text, &d)) return d;
  bool b;
  if (allows(types, "boolean") && plain && parse_bool(text, &b)) return b;
  if (allows(types, "string") && !is_null_scalar(node)) return text;
  report(node, key_path, "expected " + join(types, " or ") + ", got " + describe(node), issues);
  return nullptr;
}

void check_bounds(const YAML::Node& node, const Value& value, const json& schema, const std::string& key_path,
                  std::vector<ConfigIssue>* issues) {
  if (value.is_number()) {
    double v = value.get<double>();
    if (schema.contains("minimum") && v < schema["minimum"].get<double>())
      report(node, key_path, "must be at least " + schema["minimum"].dump(), issues);
    if (schema.contains("maximum") && v > schema["maximum"].get<double>())
      report(node, key_path, "must be at most " + schema["maximum"].dump(), issues);
  }
  if (value.is_string()) {
    size_t n = value.get_ref<const std::string&>().size();
    if (schema.contains("minLength") && n < schema["minLength"].get<size_t>())
      report(node, key_path, "must be at least " + schema["minLength"].dump() + " characters", issues);
    if (schema.contains("maxLength") && n > schema["maxLength"].get<size_t>())
      report(node, key_path, "must be at most " + schema["maxLength"].dump() + " characters", issues);
  }
  if (value.is_array()) {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<size_t>())
      report(node, key_path, "needs at least " + schema["minItems"].dump() + " items", issues);
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<size_t>())
      report(node, key_path, "takes at most " + schema["maxItems"].dump() + " items", issues);
  }
  if (schema.contains("enum") && !value.is_null()) {
    // Compared as the schema's json type: ordered_json == json is ambiguous to clang.
    const json typed(value);
    for (const json& allowed : schema["enum"])
      if (allowed == typed) return;
    std::vector<std::string> names;
    for (const json& allowed : schema["enum"])
      names.push_back(allowed.is_string() ? allowed.get<std::string>() : allowed.dump());
    std::string message = "must be one of: " + join(names, ", ");
    if (value.is_string()) {
      if (std::string near = nearest_name(value.get<std::string>(), names); !near.empty())
        message += "; did you mean '" + near + "'?";
    }
    report(node, key_path, message, issues);
  }
}

Value type_mapping(const YAML::Node& node, const json& schema, const std::string& key_path,
                   std::vector<ConfigIssue>* issues) {
  Value out = Value::object();
  const json properties = schema.value("properties", json::object());
  const json additional =
      schema.contains("additionalProperties") ? schema["additionalProperties"] : json(false);
  std::vector<std::string> known;
  for (auto it = properties.begin(); it != properties.end(); ++it) known.push_back(it.key());
  for (const auto& kv : node) {
    std::string key = kv.first.Scalar();
    std::string child_path = key_path.empty() ? key : key_path + "." + key;
    if (out.contains(key)) {
      report(kv.first, child_path, "duplicate key '" + key + "'", issues);
      continue;
    }
    if (properties.contains(key)) {
      out[key] = type_and_validate(kv.second, properties[key], child_path, issues);
    } else if (additional.is_object()) {
      out[key] = type_and_validate(kv.second, additional, child_path, issues);
    } else if (additional == json(true)) {
      out[key] = type_and_validate(kv.second, json::object(), child_path, issues);
    } else {
      std::string message = "unknown key '" + key + "'";
      if (std::string near = nearest_name(key, known); !near.empty())
        message += "; did you mean '" + near + "'?";
      else if (!known.empty())
        message += " (valid keys: " + join(known, ", ") + ")";
      report(kv.first, child_path, message, issues);
    }
  }
  for (const json& required : schema.value("required", json::array())) {
    const std::string name = required.get<std::string>();
    if (!out.contains(name))
      report(node, key_path.empty() ? name : key_path + "." + name, "missing required key '" + name + "'",
             issues);
  }
  return out;
}

Value type_sequence(const YAML::Node& node, const json& schema, const std::string& key_path,
                    std::vector<ConfigIssue>* issues) {
  Value out = Value::array();
  const json items = schema.value("items", json::object());
  for (size_t i = 0; i < node.size(); ++i) {
    out.push_back(type_and_validate(node[i], items, key_path + "[" + std::to_string(i) + "]", issues));
  }
  return out;
}

const char* node_json_type(const YAML::Node& node) {
  if (node.IsMap()) return "object";
  if (node.IsSequence()) return "array";
  return nullptr;
}

Value type_alternatives(const YAML::Node& node, const json& alternatives, const std::string& key_path,
                        std::vector<ConfigIssue>* issues) {
  std::vector<std::vector<ConfigIssue>> attempts;
  for (const json& alternative : alternatives) {
    std::vector<ConfigIssue> attempt;
    Value value = type_and_validate(node, alternative, key_path, &attempt);
    if (attempt.empty()) return value;
    attempts.push_back(std::move(attempt));
  }
  // Report the attempt whose shape matched the node, which is the one the
  // author meant; otherwise list the shapes that would be accepted.
  const char* kind = node_json_type(node);
  for (size_t i = 0; i < alternatives.size(); ++i) {
    if (kind != nullptr && allows(types_of(alternatives[i]), kind)) {
      issues->insert(issues->end(), attempts[i].begin(), attempts[i].end());
      return nullptr;
    }
  }
  std::vector<std::string> shapes;
  for (const json& alternative : alternatives) {
    auto types = types_of(alternative);
    shapes.push_back(types.empty() ? "any" : join(types, "/"));
  }
  report(node, key_path, "expected one of: " + join(shapes, ", ") + "; got " + describe(node), issues);
  return nullptr;
}

}  // namespace

Value infer_scalar(const YAML::Node& scalar) {
  if (is_null_scalar(scalar)) return nullptr;
  const std::string& text = scalar.Scalar();
  if (!is_plain(scalar)) return text;
  int64_t i;
  if (parse_int(text, &i)) return i;
  double d;
  if (parse_number(text, &d) && text.find_first_of(".eE") != std::string::npos) return d;
  bool b;
  if (parse_bool(text, &b) && (text == "true" || text == "false")) return b;
  return text;
}

Value type_and_validate(const YAML::Node& node, const json& schema, const std::string& key_path,
                        std::vector<ConfigIssue>* issues) {
  if (schema.contains("oneOf")) return type_alternatives(node, schema["oneOf"], key_path, issues);
  if (schema.contains("anyOf")) return type_alternatives(node, schema["anyOf"], key_path, issues);
  std::vector<std::string> types = types_of(schema);
  Value value;
  if (node.IsMap()) {
    if (!types.empty() && !allows(types, "object")) {
      report(node, key_path, "expected " + join(types, " or ") + ", got a mapping", issues);
      return nullptr;
    }
    value = type_mapping(node,
                         schema.contains("properties") || schema.contains("additionalProperties")
                             ? schema
                             : json{{"additionalProperties", true}},
                         key_path, issues);
  } else if (node.IsSequence()) {
    if (!types.empty() && !allows(types, "array")) {
      report(node, key_path, "expected " + join(types, " or ") + ", got a list", issues);
      return nullptr;
    }
    value = type_sequence(node, schema, key_path, issues);
  } else if (is_null_scalar(node) && !node.IsScalar()) {
    if (!types.empty() && !allows(types, "null")) {
      report(node, key_path, "expected " + join(types, " or ") + ", got nothing", issues);
      return nullptr;
    }
    value = nullptr;
  } else {
    value = type_scalar(node, types, key_path, issues);
  }
  check_bounds(node, value, schema, key_path, issues);
  return value;
}

}  // namespace sluice::core
