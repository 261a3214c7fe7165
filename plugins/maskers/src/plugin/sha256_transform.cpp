#include "sha256_transform.h"

namespace sluice::maskers {
namespace {

SecretBytes read_salt(const sluice::Host& host, const sluice::Config& config) {
  const std::optional<SecretSource> source = read_secret_source(config, "salt");
  if (config.has("salt")) {
    if (source) throw sluice::ConfigError("give only one of 'salt', 'salt_env' and 'salt_file'");
    return SecretBytes(as_bytes(config.string("salt")));
  }
  if (source) {
    Result<SecretBytes> salt = load_salt(*source);
    if (!salt.ok()) throw sluice::ConfigError("option 'salt': " + salt.reason());
    return std::move(salt).value();
  }
  host.warn(
      "sha256 without a salt: anyone can hash every plausible value (all IPv4 addresses take minutes) and "
      "match the digests; set salt_env, or use hmac_sha256");
  return SecretBytes();
}

Sha256Masker make_masker(const sluice::Host& host, const sluice::Config& config) {
  const SecretBytes salt = read_salt(host, config);
  Result<Sha256Masker> masker = Sha256Masker::create(salt.bytes(), read_digest_text(config));
  if (!masker.ok()) throw sluice::InternalError(masker.reason());
  return std::move(masker).value();
}

}  // namespace

Sha256Transform::Sha256Transform(const sluice::Host& host, const sluice::Config& config)
    : MaskingTransform(config), masker_(make_masker(host, config)) {}

Status Sha256Transform::mask_value(std::size_t, std::string_view value, std::string& out) {
  return masker_.mask(value, out);
}

}  // namespace sluice::maskers
