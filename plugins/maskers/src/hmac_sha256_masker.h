// hmac_sha256: HMAC-SHA-256(key, value) (RFC 2104). Without the key the
// output cannot be recomputed, so enumerating inputs does not reverse it.
// The key's inner and outer pad blocks are absorbed once; each value starts
// from copies of those two states.
#pragma once

#include <cstdint>
#include <span>

#include "digest_text.h"
#include "one_way_masker.h"
#include "sha256_state.h"

namespace sluice::maskers {

class HmacSha256Masker final : public OneWayMasker {
 public:
  static support::Result<HmacSha256Masker> create(std::span<const std::uint8_t> key, DigestText text);

  support::Status mask(std::string_view value, std::string& out) override;

  DigestEncoding encoding() const { return text_.encoding(); }

 private:
  HmacSha256Masker(Sha256State inner, Sha256State outer, Sha256State work, DigestText text)
      : inner_(std::move(inner)), outer_(std::move(outer)), work_(std::move(work)), text_(std::move(text)) {}

  Sha256State inner_;  // after (K xor ipad)
  Sha256State outer_;  // after (K xor opad)
  Sha256State work_;
  DigestText text_;
};

}  // namespace sluice::maskers
