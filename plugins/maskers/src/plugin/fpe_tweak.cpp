#include "fpe_tweak.h"

#include "ff3_1.h"
#include "sha256_state.h"

namespace sluice::maskers {

std::vector<std::uint8_t> default_tweak(FpeMode mode, std::string_view field) {
  const std::span<const std::uint8_t> name = as_bytes(field);
  if (mode == FpeMode::ff1) return {name.begin(), name.end()};
  Sha256Digest digest = {};
  Result<Sha256State> hasher = Sha256State::create();
  if (!hasher.ok() || !hasher.value().update(name).ok() || !hasher.value().finish(digest).ok()) {
    throw sluice::InternalError("OpenSSL SHA-256 failed");
  }
  return {digest.begin(), digest.begin() + kFf3TweakBytes};
}

}  // namespace sluice::maskers
