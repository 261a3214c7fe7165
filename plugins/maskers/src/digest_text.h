// How a hash masker writes its digest: an optional key id prefix
// (`k1:`, so values masked under different keys can be told apart while keys
// are rotated) followed by the digest in hex or unpadded base64url.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <sluice/support/status.hpp>
#include "sha256_state.h"

namespace sluice::maskers {

enum class DigestEncoding { hex, base64url };

// "hex" or "base64url".
std::optional<DigestEncoding> parse_digest_encoding(std::string_view name);

class DigestText {
 public:
  DigestText(DigestEncoding encoding, std::string key_prefix)
      : encoding_(encoding), key_prefix_(std::move(key_prefix)) {}

  void write(const Sha256Digest& digest, std::string& out) const;

  DigestEncoding encoding() const { return encoding_; }

 private:
  DigestEncoding encoding_;
  std::string key_prefix_;
};

}  // namespace sluice::maskers
