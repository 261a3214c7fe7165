// The `hmac_sha256` plugin, the recommended masker: HMAC-SHA-256 under a
// secret key, hex or base64url, optional key id prefix. One-way; equal
// inputs give equal outputs under one key, and without the key nobody can
// test a guess.
#pragma once

#include <sluice/plugin.hpp>

#include "hmac_sha256_masker.h"
#include "masker_options.h"
#include "masking_transform.h"

namespace sluice::maskers {

class HmacSha256Transform final : public MaskingTransform {
 public:
  static constexpr sluice::PluginInfo info{
      .name = "hmac_sha256",
      .version = "1.0.0",
      .description = "Masks columns with HMAC-SHA-256 under a secret key (one-way; the default choice)",
      .config_schema =
          "{\"type\": \"object\", \"properties\": {" SLUICE_MASKERS_FIELDS_SCHEMA
          ", " SLUICE_MASKERS_KEY_SCHEMA ", " SLUICE_MASKERS_ENCODING_SCHEMA ", " SLUICE_MASKERS_KEY_ID_SCHEMA
          R"schema(}, "required": ["fields"], "additionalProperties": false})schema"};

  explicit HmacSha256Transform(const sluice::Config& config);

  // The option as parsed (tests compare it with the schema's default).
  DigestEncoding encoding() const { return masker_.encoding(); }

 private:
  support::Status mask_value(std::size_t field, std::string_view value, std::string& out) override;

  HmacSha256Masker masker_;
};

}  // namespace sluice::maskers
