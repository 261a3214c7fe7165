#include "hmac_sha256_transform.h"

namespace sluice::maskers {
namespace {

HmacSha256Masker make_masker(const sluice::Config& config) {
  const SecretBytes key = read_required_secret(config, "key", &load_hmac_key);
  return sluice::value_or_throw(HmacSha256Masker::create(key.bytes(), read_digest_text(config)));
}

}  // namespace

HmacSha256Transform::HmacSha256Transform(const sluice::Config& config)
    : MaskingTransform(config), masker_(make_masker(config)) {}

support::Status HmacSha256Transform::mask_value(std::size_t, std::string_view value, std::string& out) {
  return masker_.mask(value, out);
}

}  // namespace sluice::maskers
