// The `sha256` plugin: SHA-256(salt || value), hex or base64url, optional
// key id prefix. One-way. Warns when unsalted: without a secret salt anyone
// can recompute the digests of all plausible inputs.
#pragma once

#include <sluice/plugin.hpp>

#include "masker_options.h"
#include "masking_transform.h"
#include "sha256_masker.h"

namespace sluice::maskers {

class Sha256Transform final : public MaskingTransform {
 public:
  static constexpr sluice::PluginInfo info{
      .name = "sha256",
      .version = "1.0.0",
      .description =
          "Masks columns with SHA-256 of an optional salt and the value (one-way; prefer hmac_sha256)",
      .config_schema =
          "{\"type\": \"object\", \"properties\": {" SLUICE_MASKERS_FIELDS_SCHEMA
          ", "
          R"schema("salt": {"type": "string", "description": "Salt hashed before each value (prefer salt_env or salt_file: a salt is a secret)"},
          "salt_env": {"type": "string", "description": "Environment variable holding the salt (raw text)"},
          "salt_file": {"type": "string", "description": "File holding the salt (raw text, surrounding whitespace ignored)"}, )schema"
          R"schema("key_env": {"type": "string", "description": "Environment variable holding the salt in hex, like the keyed maskers' key"},
          "key_file": {"type": "string", "description": "File holding the salt in hex (surrounding whitespace ignored)"}, )schema" SLUICE_MASKERS_ENCODING_SCHEMA
          ", " SLUICE_MASKERS_KEY_ID_SCHEMA
          R"schema(}, "required": ["fields"], "additionalProperties": false})schema"};

  Sha256Transform(const sluice::Host& host, const sluice::Config& config);

  // The option as parsed (tests compare it with the schema's default).
  DigestEncoding encoding() const { return masker_.encoding(); }

 private:
  support::Status mask_value(std::size_t field, std::string_view value, std::string& out) override;

  Sha256Masker masker_;
};

}  // namespace sluice::maskers
