#include "sha256_masker.h"

namespace sluice::maskers {

Result<Sha256Masker> Sha256Masker::create(std::span<const std::uint8_t> salt, DigestText text) {
  Result<Sha256State> salted = Sha256State::create();
  if (!salted.ok()) return fail(salted.reason());
  if (Status absorbed = salted.value().update(salt); !absorbed.ok()) return fail(absorbed.reason());
  Result<Sha256State> work = Sha256State::create();
  if (!work.ok()) return fail(work.reason());
  return Sha256Masker(std::move(salted).value(), std::move(work).value(), std::move(text));
}

Status Sha256Masker::mask(std::string_view value, std::string& out) {
  Sha256Digest digest;
  if (Status s = work_.copy_from(salted_); !s.ok()) return s;
  if (Status s = work_.update(as_bytes(value)); !s.ok()) return s;
  if (Status s = work_.finish(digest); !s.ok()) return s;
  text_.write(digest, out);
  return Status::success();
}

}  // namespace sluice::maskers
