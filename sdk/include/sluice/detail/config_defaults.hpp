// sluice/detail/config_defaults.hpp — filling a configuration with the
// `default`s its JSON Schema states, so that each default is written once
// (in the schema) and plugin code reads values instead of restating them.
// The host fills before `create`; the C++ adapters fill again (a no-op then)
// so that a C++ plugin behaves the same under a host that did not.
#ifndef SLUICE_DETAIL_CONFIG_DEFAULTS_HPP
#define SLUICE_DETAIL_CONFIG_DEFAULTS_HPP

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sluice {

// Adds each property's `default` that `config` lacks, at every level:
// nested objects and the objects in arrays get their own properties'
// defaults. Keys the configuration gives, null included, stay as they are;
// `oneOf` / `anyOf` alternatives are not guessed between.
template <class Json>
void fill_schema_defaults(Json& config, const nlohmann::json& schema) {
  if (!schema.is_object()) return;
  if (config.is_array()) {
    const auto items = schema.find("items");
    if (items == schema.end()) return;
    for (auto& element : config) fill_schema_defaults(element, *items);
    return;
  }
  if (!config.is_object()) return;
  const auto properties = schema.find("properties");
  if (properties == schema.end() || !properties->is_object()) return;
  for (auto it = properties->begin(); it != properties->end(); ++it) {
    const nlohmann::json& property = it.value();
    if (!config.contains(it.key())) {
      const auto fallback = property.find("default");
      if (fallback == property.end()) continue;
      config[it.key()] = Json(*fallback);
    }
    fill_schema_defaults(config[it.key()], property);
  }
}

// For a plugin's tests, proving that it reads what its schema says: given
// the values the plugin parsed from a configuration with only its required
// options (after the defaults were filled), each as a check against the
// schema's `default`, lists every top-level option whose default has no
// check or fails it, and every check of an option without a default. Empty
// when the plugin and its schema agree.
inline std::vector<std::string> schema_default_mismatches(
    const char* schema_text,
    const std::map<std::string, std::function<bool(const nlohmann::json&)>>& checks) {
  std::vector<std::string> mismatches;
  const nlohmann::json schema = nlohmann::json::parse(schema_text);
  std::map<std::string, bool> checked;
  for (const auto& [option, property] : schema.at("properties").items()) {
    if (!property.contains("default")) continue;
    const auto check = checks.find(option);
    checked[option] = true;
    if (check == checks.end()) {
      mismatches.push_back("option '" + option + "' has a default that no check reads back");
    } else if (!check->second(property.at("default"))) {
      mismatches.push_back("option '" + option + "' was not read as its default " +
                           property.at("default").dump());
    }
  }
  for (const auto& entry : checks) {
    if (!checked.count(entry.first)) mismatches.push_back("option '" + entry.first + "' has no default");
  }
  return mismatches;
}

// The same, for options whose parsed value is compared as JSON.
inline std::vector<std::string> schema_default_mismatches(
    const char* schema_text, const std::map<std::string, nlohmann::json>& parsed) {
  std::map<std::string, std::function<bool(const nlohmann::json&)>> checks;
  for (const auto& [option, value] : parsed) {
    checks[option] = [value = value](const nlohmann::json& fallback) { return value == fallback; };
  }
  return schema_default_mismatches(schema_text, checks);
}

}  // namespace sluice

#endif  // SLUICE_DETAIL_CONFIG_DEFAULTS_HPP
