#include "fpe_tweak.h"

#include "ff3_1.h"
#include "sha256_state.h"

namespace sluice::maskers {

std::vector<std::uint8_t> default_tweak(FpeMode mode, std::string_view field) {
  const std::span<const std::uint8_t> name = as_bytes(field);
  if (mode == FpeMode::ff1) return {name.begin(), name.end()};
  Sha256Digest digest = {};
  Sha256State hasher = sluice::value_or_throw(Sha256State::create());
  sluice::throw_if_error(hasher.update(name));
  sluice::throw_if_error(hasher.finish(digest));
  return {digest.begin(), digest.begin() + kFf3TweakBytes};
}

}  // namespace sluice::maskers
