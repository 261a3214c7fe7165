// The `fields` option every masker shares: a list of columns masked in place
// (`[ip, device_id]`), or a map input column -> output column
// (`{ip: masked_ip}`) where the output replaces the input, so the raw value
// travels no further than the masker.
#pragma once

#include <sluice/plugin.hpp>

#include <string>
#include <vector>

namespace sluice::maskers {

struct FieldMapping {
  std::string input;   // the column holding the plain value
  std::string output;  // the column receiving the masked value (may equal input)
};

// Throws sluice::ConfigError when the option is missing, empty, or maps two
// fields onto one column.
std::vector<FieldMapping> read_field_mappings(const sluice::Config& config);

// The JSON Schema of `fields`, for the plugins' config schemas.
#define SLUICE_MASKERS_FIELDS_SCHEMA                                                                              \
  R"schema("fields": {"description": "Columns to mask: a list (masked in place) or a map input column -> )schema" \
  R"schema(output column (the output replaces the input)", "oneOf": [)schema"                                     \
  R"schema({"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}, )schema"                \
  R"schema({"type": "object", "additionalProperties": {"type": "string", "minLength": 1}}]})schema"

}  // namespace sluice::maskers
