#include "digest_text.h"

#include <sluice/support/hex.hpp>

#include "byte_encoding.h"

namespace sluice::maskers {

std::optional<DigestEncoding> parse_digest_encoding(std::string_view name) {
  if (name == "hex") return DigestEncoding::hex;
  if (name == "base64url") return DigestEncoding::base64url;
  return std::nullopt;
}

void DigestText::write(const Sha256Digest& digest, std::string& out) const {
  out.assign(key_prefix_);
  if (encoding_ == DigestEncoding::hex) {
    out.reserve(out.size() + 2 * digest.size());  // one allocation, not one per digit
    support::append_hex(out, digest.data(), digest.size());
  } else {
    append_base64url(digest, out);
  }
}

}  // namespace sluice::maskers
