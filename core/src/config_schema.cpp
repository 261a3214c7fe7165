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

void Report(const YAML::Node& node, const std::string& key_path, std::string message,
            std::vector<ConfigIssue>* issues) {
  YAML::Mark mark = node.Mark();
  int line = mark.is_null() ? 0 : mark.line + 1;
  int column = mark.is_null() ? 0 : mark.column + 1;
  issues->push_back({line, column, key_path, std::move(message)});
}

bool IsPlain(const YAML::Node& scalar) { return !IsQuotedScalar(scalar); }

bool ParseInt(const std::string& text, int64_t* out) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, *out);
  return ec == std::errc() && ptr == end && begin != end;
}

bool ParseNumber(const std::string& text, double* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(*out);
}

bool ParseBool(const std::string& text, bool* out) {
  static const char* kTrue[] = {"true", "True", "TRUE", "yes", "Yes", "on", "On"};
  static const char* kFalse[] = {"false", "False", "FALSE", "no", "No", "off", "Off"};
  for (const char* t : kTrue) if (text == t) return (*out = true), true;
  for (const char* f : kFalse) if (text == f) return (*out = false), true;
  return false;
}

bool IsNullScalar(const YAML::Node& node) {
  if (node.IsNull()) return true;
  if (!node.IsScalar() || !IsPlain(node)) return false;
  const std::string& s = node.Scalar();
  return s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::vector<std::string> TypesOf(const json& schema) {
  std::vector<std::string> types;
  if (!schema.contains("type")) return types;
  const json& t = schema["type"];
  if (t.is_string()) types.push_back(t.get<std::string>());
  if (t.is_array())
    for (const json& each : t) if (each.is_string()) types.push_back(each.get<std::string>());
  return types;
}

bool Allows(const std::vector<std::string>& types, const char* type) {
  for (const std::string& t : types) if (t == type) return true;
  return false;
}

// Quotes a value only when it was written literally in the file: an
// expanded one may be a secret (expanded_scalar.h).
std::string Describe(const YAML::Node& node) {
  if (IsNullScalar(node)) return "null";
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  if (WasExpanded(node)) return "the value of a ${} expansion (not shown)";
  return "'" + node.Scalar() + "'";
}

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

Value TypeScalar(const YAML::Node& node, const std::vector<std::string>& types,
                const std::string& key_path, std::vector<ConfigIssue>* issues) {
  const std::string& text = node.Scalar();
  bool plain = IsPlain(node);
  if (types.empty()) return InferScalar(node);
  if (Allows(types, "null") && IsNullScalar(node)) return nullptr;
  int64_t i;
  if (Allows(types, "integer") && ParseInt(text, &i)) return i;
  double d;
  if (Allows(types, "number") && ParseNumber(text, &d)) return d;
  bool b;
  if (Allows(types, "boolean") && plain && ParseBool(text, &b)) return b;
  if (Allows(types, "string") && !IsNullScalar(node)) return text;
  Report(node, key_path, "expected " + Join(types, " or ") + ", got " + Describe(node), issues);
  return nullptr;
}

void CheckBounds(const YAML::Node& node, const Value& value, const json& schema,
                 const std::string& key_path, std::vector<ConfigIssue>* issues) {
  if (value.is_number()) {
    double v = value.get<double>();
    if (schema.contains("minimum") && v < schema["minimum"].get<double>())
      Report(node, key_path, "must be at least " + schema["minimum"].dump(), issues);
    if (schema.contains("maximum") && v > schema["maximum"].get<double>())
      Report(node, key_path, "must be at most " + schema["maximum"].dump(), issues);
  }
  if (value.is_string()) {
    size_t n = value.get_ref<const std::string&>().size();
    if (schema.contains("minLength") && n < schema["minLength"].get<size_t>())
      Report(node, key_path, "must be at least " + schema["minLength"].dump() + " characters", issues);
    if (schema.contains("maxLength") && n > schema["maxLength"].get<size_t>())
      Report(node, key_path, "must be at most " + schema["maxLength"].dump() + " characters", issues);
  }
  if (value.is_array()) {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<size_t>())
      Report(node, key_path, "needs at least " + schema["minItems"].dump() + " items", issues);
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<size_t>())
      Report(node, key_path, "takes at most " + schema["maxItems"].dump() + " items", issues);
  }
  if (schema.contains("enum") && !value.is_null()) {
    // Compared as the schema's json type: ordered_json == json is ambiguous to clang.
    const json typed(value);
    for (const json& allowed : schema["enum"]) if (allowed == typed) return;
    std::vector<std::string> names;
    for (const json& allowed : schema["enum"]) names.push_back(allowed.is_string() ? allowed.get<std::string>() : allowed.dump());
    std::string message = "must be one of: " + Join(names, ", ");
    if (value.is_string()) {
      if (std::string near = NearestName(value.get<std::string>(), names); !near.empty())
        message += "; did you mean '" + near + "'?";
    }
    Report(node, key_path, message, issues);
  }
}

Value TypeMapping(const YAML::Node& node, const json& schema, const std::string& key_path,
                 std::vector<ConfigIssue>* issues) {
  Value out = Value::object();
  const json properties = schema.value("properties", json::object());
  const json additional = schema.contains("additionalProperties") ? schema["additionalProperties"] : json(false);
  std::vector<std::string> known;
  for (auto it = properties.begin(); it != properties.end(); ++it) known.push_back(it.key());
  for (const auto& kv : node) {
    std::string key = kv.first.Scalar();
    std::string child_path = key_path.empty() ? key : key_path + "." + key;
    if (out.contains(key)) {
      Report(kv.first, child_path, "duplicate key '" + key + "'", issues);
      continue;
    }
    if (properties.contains(key)) {
      out[key] = TypeAndValidate(kv.second, properties[key], child_path, issues);
    } else if (additional.is_object()) {
      out[key] = TypeAndValidate(kv.second, additional, child_path, issues);
    } else if (additional == json(true)) {
      out[key] = TypeAndValidate(kv.second, json::object(), child_path, issues);
    } else {
      std::string message = "unknown key '" + key + "'";
      if (std::string near = NearestName(key, known); !near.empty())
        message += "; did you mean '" + near + "'?";
      else if (!known.empty())
        message += " (valid keys: " + Join(known, ", ") + ")";
      Report(kv.first, child_path, message, issues);
    }
  }
  for (const json& required : schema.value("required", json::array())) {
    const std::string name = required.get<std::string>();
    if (!out.contains(name))
      Report(node, key_path.empty() ? name : key_path + "." + name, "missing required key '" + name + "'", issues);
  }
  return out;
}

Value TypeSequence(const YAML::Node& node, const json& schema, const std::string& key_path,
                  std::vector<ConfigIssue>* issues) {
  Value out = Value::array();
  const json items = schema.value("items", json::object());
  for (size_t i = 0; i < node.size(); ++i) {
    out.push_back(TypeAndValidate(node[i], items, key_path + "[" + std::to_string(i) + "]", issues));
  }
  return out;
}

const char* NodeJsonType(const YAML::Node& node) {
  if (node.IsMap()) return "object";
  if (node.IsSequence()) return "array";
  return nullptr;
}

Value TypeAlternatives(const YAML::Node& node, const json& alternatives, const std::string& key_path,
                      std::vector<ConfigIssue>* issues) {
  std::vector<std::vector<ConfigIssue>> attempts;
  for (const json& alternative : alternatives) {
    std::vector<ConfigIssue> attempt;
    Value value = TypeAndValidate(node, alternative, key_path, &attempt);
    if (attempt.empty()) return value;
    attempts.push_back(std::move(attempt));
  }
  // Report the attempt whose shape matched the node, which is the one the
  // author meant; otherwise list the shapes that would be accepted.
  const char* kind = NodeJsonType(node);
  for (size_t i = 0; i < alternatives.size(); ++i) {
    if (kind != nullptr && Allows(TypesOf(alternatives[i]), kind)) {
      issues->insert(issues->end(), attempts[i].begin(), attempts[i].end());
      return nullptr;
    }
  }
  std::vector<std::string> shapes;
  for (const json& alternative : alternatives) {
    auto types = TypesOf(alternative);
    shapes.push_back(types.empty() ? "any" : Join(types, "/"));
  }
  Report(node, key_path, "expected one of: " + Join(shapes, ", ") + "; got " + Describe(node), issues);
  return nullptr;
}

}  // namespace

Value InferScalar(const YAML::Node& scalar) {
  if (IsNullScalar(scalar)) return nullptr;
  const std::string& text = scalar.Scalar();
  if (!IsPlain(scalar)) return text;
  int64_t i;
  if (ParseInt(text, &i)) return i;
  double d;
  if (ParseNumber(text, &d) && text.find_first_of(".eE") != std::string::npos) return d;
  bool b;
  if (ParseBool(text, &b) && (text == "true" || text == "false")) return b;
  return text;
}

Value TypeAndValidate(const YAML::Node& node, const json& schema, const std::string& key_path,
                      std::vector<ConfigIssue>* issues) {
  if (schema.contains("oneOf")) return TypeAlternatives(node, schema["oneOf"], key_path, issues);
  if (schema.contains("anyOf")) return TypeAlternatives(node, schema["anyOf"], key_path, issues);
  std::vector<std::string> types = TypesOf(schema);
  Value value;
  if (node.IsMap()) {
    if (!types.empty() && !Allows(types, "object")) {
      Report(node, key_path, "expected " + Join(types, " or ") + ", got a mapping", issues);
      return nullptr;
    }
    value = TypeMapping(node, schema.contains("properties") || schema.contains("additionalProperties")
                                  ? schema
                                  : json{{"additionalProperties", true}},
                        key_path, issues);
  } else if (node.IsSequence()) {
    if (!types.empty() && !Allows(types, "array")) {
      Report(node, key_path, "expected " + Join(types, " or ") + ", got a list", issues);
      return nullptr;
    }
    value = TypeSequence(node, schema, key_path, issues);
  } else if (IsNullScalar(node) && !node.IsScalar()) {
    if (!types.empty() && !Allows(types, "null")) {
      Report(node, key_path, "expected " + Join(types, " or ") + ", got nothing", issues);
      return nullptr;
    }
    value = nullptr;
  } else {
    value = TypeScalar(node, types, key_path, issues);
  }
  CheckBounds(node, value, schema, key_path, issues);
  return value;
}

}  // namespace sluice::core
