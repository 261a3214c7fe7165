#include "field_mapping.h"

#include <set>

namespace sluice::maskers {
namespace {

std::vector<FieldMapping> read_listed_or_mapped(const sluice::Config& config) {
  const nlohmann::json& fields = config.json().at("fields");
  std::vector<FieldMapping> mappings;
  if (fields.is_array()) {
    for (const std::string& name : config.string_list("fields")) mappings.push_back({name, name});
  } else if (fields.is_object()) {
    for (const auto& [input, output] : config.string_map("fields")) mappings.push_back({input, output});
  } else {
    throw sluice::ConfigError(
        "option 'fields' must be a list of columns or a map input column -> output column");
  }
  return mappings;
}

// Each column is written by at most one mapping and no mapping reads a
// column another one writes: the result never depends on their order.
void check_distinct(const std::vector<FieldMapping>& mappings) {
  std::set<std::string> inputs, outputs;
  for (const FieldMapping& m : mappings) inputs.insert(m.input);
  for (const FieldMapping& m : mappings) {
    if (m.input.empty() || m.output.empty())
      throw sluice::ConfigError("option 'fields' has an empty column name");
    if (!outputs.insert(m.output).second) {
      throw sluice::ConfigError("option 'fields' writes column '" + m.output + "' twice");
    }
    if (m.output != m.input && inputs.contains(m.output)) {
      throw sluice::ConfigError("option 'fields' writes column '" + m.output + "', which it also masks");
    }
  }
}

}  // namespace

std::vector<FieldMapping> read_field_mappings(const sluice::Config& config) {
  if (!config.has("fields")) throw sluice::ConfigError("missing option 'fields'");
  std::vector<FieldMapping> mappings = read_listed_or_mapped(config);
  if (mappings.empty()) throw sluice::ConfigError("option 'fields' names no column");
  check_distinct(mappings);
  return mappings;
}

}  // namespace sluice::maskers
