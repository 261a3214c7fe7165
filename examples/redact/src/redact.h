// redact: replaces every match of a regular expression in one string column,
// e.g. e-mail addresses in a free-text field, before the data goes further.
#pragma once

#include <sluice/plugin.hpp>

#include <regex>
#include <string>

class Redact final : public sluice::Transform {
 public:
  static constexpr sluice::PluginInfo info{
      .name = "redact",
      .version = "1.0.0",
      .description = "Replaces the parts of a string column that match a regular expression",
      .config_schema = R"({
        "type": "object",
        "properties": {
          "field": {"type": "string", "minLength": 1,
                    "description": "the string column to redact, in place"},
          "pattern": {"type": "string", "minLength": 1,
                      "description": "ECMAScript regular expression; every match is replaced"},
          "replacement": {"type": "string", "default": "[REDACTED]",
                          "description": "what a match becomes; $1, $2... insert groups"},
          "ignore_case": {"type": "boolean", "default": false}
        },
        "required": ["field", "pattern"],
        "additionalProperties": false
      })"};

  // Throws sluice::ConfigError when `pattern` is not a regular expression.
  explicit Redact(const sluice::Config& config);

  // Replaces column `field` with its redacted copy; nulls stay null. Fails
  // the batch (ConfigError) when the column is missing or not a string.
  sluice::OwnedBatch process(sluice::OwnedBatch batch, sluice::Rejector& rejects) override;

 private:
  std::string field_;
  std::regex pattern_;
  std::string replacement_;
};
