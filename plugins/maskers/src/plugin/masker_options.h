// Options more than one masker takes: where a key or salt comes from
// (`<name>_env` / `<name>_file`), `key_id` and `encoding`. Readers throw
// sluice::ConfigError naming the option; none ever quotes a secret.
#pragma once

#include <sluice/plugin.hpp>

#include <optional>
#include <string>
#include <string_view>

#include <sluice/support/status.hpp>
#include "digest_text.h"
#include "secret_bytes.h"
#include "secret_source.h"

namespace sluice::maskers {

// `<name>_env` or `<name>_file`, or nothing when neither is given. Throws
// ConfigError, without echoing the value, when it looks like a secret
// rather than a variable's name or a path, and when the file is accessible
// by others or writable by its group.
std::optional<SecretSource> read_secret_source(const sluice::Config& config, std::string_view name);

// The secret `load` reads from `<name>_env` / `<name>_file`; one is required.
SecretBytes read_required_secret(const sluice::Config& config, std::string_view name,
                                 support::Result<SecretBytes> (*load)(const SecretSource&));

// "k1:" for `key_id: k1`, "" without a key id.
std::string read_key_prefix(const sluice::Config& config);

DigestText read_digest_text(const sluice::Config& config);

}  // namespace sluice::maskers

// JSON Schema fragments for the plugins' config schemas.
#define SLUICE_MASKERS_KEY_SCHEMA                                                                                 \
  R"schema("key_env": {"type": "string", "description": "Environment variable holding the key, in hex"}, )schema" \
  R"schema("key_file": {"type": "string", )schema"                                                                \
  R"schema("description": "File holding the key, in hex (surrounding whitespace ignored)"})schema"
#define SLUICE_MASKERS_KEY_ID_SCHEMA                                              \
  R"schema("key_id": {"type": "string", "minLength": 1, "maxLength": 32, )schema" \
  R"schema("description": "Label written before each masked value as <key_id>: so keys can be rotated"})schema"
#define SLUICE_MASKERS_ENCODING_SCHEMA                                                             \
  R"schema("encoding": {"type": "string", "enum": ["hex", "base64url"], "default": "hex", )schema" \
  R"schema("description": "How the digest is written: 64 hex digits or 43 base64url characters"})schema"
