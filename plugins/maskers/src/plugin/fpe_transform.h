// The `fpe` plugin: format-preserving encryption (NIST SP 800-38G FF1, or
// FF3-1 for existing data), reversible with `sluice unmask` by whoever holds
// the key. Each field gets its own cipher: its format and its tweak (by
// default the input field's name).
#pragma once

#include <sluice/plugin.hpp>

#include <memory>
#include <string>
#include <vector>

#include "fpe_value_cipher.h"
#include "masker_options.h"
#include "masking_transform.h"
#include "value_cipher.h"

namespace sluice::maskers {

class FpeTransform final : public MaskingTransform {
 public:
  static constexpr bool invertible = true;
  static constexpr sluice::PluginInfo info{
      .name = "fpe",
      .version = "1.0.0",
      .description =
          "Masks columns with format-preserving encryption (NIST FF1, FF3-1); reversible with sluice unmask",
      .config_schema = "{\"type\": \"object\", \"properties\": {" SLUICE_MASKERS_FIELDS_SCHEMA
                       ", " SLUICE_MASKERS_KEY_SCHEMA
                       ", "
                       R"schema("mode": {"type": "string", "enum": ["ff1", "ff3-1"], "default": "ff1",
            "description": "FF1, or FF3-1 only for data already encrypted with it (NIST's 2025 draft withdraws FF3-1)"},
          "format": {"description": "How values look: one format for every field, or a map field -> format (unlisted fields: auto)",
            "default": "auto",
            "oneOf": [{"type": "string", "enum": ["auto", "ipv4", "ipv6", "ip", "digits", "alphanumeric", "alphabet"]},
                      {"type": "object", "additionalProperties": {"type": "string",
                       "enum": ["auto", "ipv4", "ipv6", "ip", "digits", "alphanumeric", "alphabet"]}}]},
          "alphabet": {"type": "string", "minLength": 2, "description": "The symbols of format alphabet (printable ASCII, each once)"},
          "tweak": {"type": "string", "description": "Tweak in hex for every field (FF3-1: 14 hex digits); default: derived from the field name"}, )schema" SLUICE_MASKERS_KEY_ID_SCHEMA
                       R"schema(}, "required": ["fields"], "additionalProperties": false})schema"};

  FpeTransform(const sluice::Host& host, const sluice::Config& config);

  // The options as parsed (tests compare them with the schema's defaults).
  FpeMode mode() const { return mode_; }
  const std::vector<FpeFormat>& formats() const { return formats_; }  // one per field

  sluice::OwnedBatch invert(sluice::OwnedBatch in, sluice::Rejector& rejects) override {
    return unmask_columns(std::move(in), rejects);
  }

 private:
  support::Status mask_value(std::size_t field, std::string_view value, std::string& out) override;
  support::Status unmask_value(std::size_t field, std::string_view value, std::string& out) override;

  FpeMode mode_;
  std::vector<FpeFormat> formats_;                     // one per field
  std::vector<std::unique_ptr<ValueCipher>> ciphers_;  // one per field
  std::string key_prefix_;
  std::string plain_;  // reused between values
};

}  // namespace sluice::maskers
