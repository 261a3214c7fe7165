#include "sha256_masker.h"

namespace sluice::maskers {

support::Result<Sha256Masker> Sha256Masker::create(std::span<const std::uint8_t> salt, DigestText text) {
  SLUICE_ASSIGN_OR_RETURN(Sha256State salted, Sha256State::create());
  SLUICE_TRY(salted.update(salt));
  SLUICE_ASSIGN_OR_RETURN(Sha256State work, Sha256State::create());
  return Sha256Masker(std::move(salted), std::move(work), std::move(text));
}

support::Status Sha256Masker::mask(std::string_view value, std::string& out) {
  Sha256Digest digest;
  SLUICE_TRY(work_.copy_from(salted_));
  SLUICE_TRY(work_.update(as_bytes(value)));
  SLUICE_TRY(work_.finish(digest));
  text_.write(digest, out);
  return support::Status::success();
}

}  // namespace sluice::maskers
