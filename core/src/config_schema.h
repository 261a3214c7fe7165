// Types and validates a YAML configuration against the JSON Schema a plugin
// declares (the subset listed in plugin.h), producing the JSON the plugin
// receives. This is the host's side of Fluent Bit's config_map idea: the
// plugin states its options once; the host rejects unknown keys, wrong
// types and out-of-range values with file:line:column before any plugin
// code runs.
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

namespace sluice::core {

struct ConfigIssue {
  int line = 0;          // 1-based; 0 when unknown
  int column = 0;        // 1-based
  std::string key_path;  // e.g. "transforms[1].fields.ip"
  std::string message;
};

// Configuration as plugins receive it: keys in the order the file wrote
// them, because order can mean something (columns a transform adds).
using ConfigJson = nlohmann::ordered_json;

// Converts `node` to JSON as `schema` types it, appending every problem to
// `issues`. `key_path` names `node` in messages.
ConfigJson type_and_validate(const YAML::Node& node, const nlohmann::json& schema,
                             const std::string& key_path, std::vector<ConfigIssue>* issues);

// A plain YAML scalar typed by its looks: null, true/false, integer,
// number, else string. Quoted scalars are always strings.
ConfigJson infer_scalar(const YAML::Node& scalar);

}  // namespace sluice::core
