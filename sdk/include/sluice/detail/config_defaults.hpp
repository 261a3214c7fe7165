// sluice/detail/config_defaults.hpp — filling a configuration with the
// `default`s its JSON Schema states, so that each default is written once
// (in the schema) and plugin code reads values instead of restating them.
// The host fills before `create`; the C++ adapters fill again (a no-op then)
// so that a C++ plugin behaves the same under a host that did not.
#ifndef SLUICE_DETAIL_CONFIG_DEFAULTS_HPP
#define SLUICE_DETAIL_CONFIG_DEFAULTS_HPP

#include <nlohmann/json.hpp>

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

}  // namespace sluice

#endif  // SLUICE_DETAIL_CONFIG_DEFAULTS_HPP
