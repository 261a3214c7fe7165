// sha256: SHA-256(salt || value). Without a secret salt this is reversible
// by anyone who can enumerate the inputs (all 2^32 IPv4 addresses take
// minutes on one core): see README.md, and prefer hmac_sha256.
#pragma once

#include <cstdint>
#include <span>

#include "digest_text.h"
#include "one_way_masker.h"
#include "sha256_state.h"

namespace sluice::maskers {

class Sha256Masker final : public OneWayMasker {
 public:
  // `salt` may be empty.
  static support::Result<Sha256Masker> create(std::span<const std::uint8_t> salt, DigestText text);

  support::Status mask(std::string_view value, std::string& out) override;

  DigestEncoding encoding() const { return text_.encoding(); }

 private:
  Sha256Masker(Sha256State salted, Sha256State work, DigestText text)
      : salted_(std::move(salted)), work_(std::move(work)), text_(std::move(text)) {}

  Sha256State salted_;  // the salt absorbed; wiped by OpenSSL when freed
  Sha256State work_;
  DigestText text_;
};

}  // namespace sluice::maskers
