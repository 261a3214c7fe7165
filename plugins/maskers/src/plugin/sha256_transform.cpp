#include "sha256_transform.h"

namespace sluice::maskers {
namespace {

// A salt comes as raw text (`salt`, `salt_env`, `salt_file`) or, so that
// `plugin: hmac_sha256` -> `plugin: sha256` is a one-word change, from the
// same hex `key_env` / `key_file` the keyed maskers read, decoded to bytes.
SecretBytes read_salt(const sluice::Host& host, const sluice::Config& config) {
  const std::optional<SecretSource> text_source = read_secret_source(config, "salt");
  const std::optional<SecretSource> key_source = read_secret_source(config, "key");
  const int given = int(config.has("salt")) + int(text_source.has_value()) + int(key_source.has_value());
  if (given > 1) {
    throw sluice::ConfigError("give only one of 'salt', 'salt_env', 'salt_file', 'key_env' and 'key_file'");
  }
  if (config.has("salt")) return SecretBytes(as_bytes(config.require<std::string>("salt")));
  if (text_source || key_source) {
    support::Result<SecretBytes> salt = text_source ? load_salt(*text_source) : load_hex_salt(*key_source);
    sluice::throw_if_error(
        salt.status().with_context(std::string("option '") + (text_source ? "salt" : "key") + "'"));
    return std::move(salt).value();
  }
  host.warn(
      "sha256 without a salt: anyone can hash every plausible value (all IPv4 addresses take minutes) and "
      "match the digests; set key_env or salt_env, or use hmac_sha256");
  return SecretBytes();
}

Sha256Masker make_masker(const sluice::Host& host, const sluice::Config& config) {
  const SecretBytes salt = read_salt(host, config);
  return sluice::value_or_throw(Sha256Masker::create(salt.bytes(), read_digest_text(config)));
}

}  // namespace

Sha256Transform::Sha256Transform(const sluice::Host& host, const sluice::Config& config)
    : MaskingTransform(config), masker_(make_masker(host, config)) {}

support::Status Sha256Transform::mask_value(std::size_t, std::string_view value, std::string& out) {
  return masker_.mask(value, out);
}

}  // namespace sluice::maskers
