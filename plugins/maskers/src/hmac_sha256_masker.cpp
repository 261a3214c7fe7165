#include "hmac_sha256_masker.h"

#include <openssl/crypto.h>

#include <algorithm>

namespace sluice::maskers {
namespace {

constexpr std::uint8_t kInnerPad = 0x36;
constexpr std::uint8_t kOuterPad = 0x5c;

// A state that has absorbed K0 xor pad, K0 being the key zero-padded to a
// block (or its digest when longer than a block).
support::Result<Sha256State> padded_key_state(std::span<const std::uint8_t> key, std::uint8_t pad) {
  std::uint8_t block[kSha256BlockBytes] = {};
  Sha256Digest hashed_key = {};
  if (key.size() > kSha256BlockBytes) {
    SLUICE_ASSIGN_OR_RETURN(Sha256State hasher, Sha256State::create());
    SLUICE_TRY(hasher.update(key));
    SLUICE_TRY(hasher.finish(hashed_key));
    key = hashed_key;
  }
  std::copy(key.begin(), key.end(), block);
  for (std::uint8_t& byte : block) byte ^= pad;
  support::Result<Sha256State> state = Sha256State::create();
  const bool absorbed = state.ok() && state.value().update(block).ok();
  OPENSSL_cleanse(block, sizeof block);
  OPENSSL_cleanse(hashed_key.data(), hashed_key.size());
  if (!absorbed) return support::internal_error("OpenSSL SHA-256 failed");
  return state;
}

}  // namespace

support::Result<HmacSha256Masker> HmacSha256Masker::create(std::span<const std::uint8_t> key,
                                                           DigestText text) {
  SLUICE_ASSIGN_OR_RETURN(Sha256State inner, padded_key_state(key, kInnerPad));
  SLUICE_ASSIGN_OR_RETURN(Sha256State outer, padded_key_state(key, kOuterPad));
  SLUICE_ASSIGN_OR_RETURN(Sha256State work, Sha256State::create());
  return HmacSha256Masker(std::move(inner), std::move(outer), std::move(work), std::move(text));
}

support::Status HmacSha256Masker::mask(std::string_view value, std::string& out) {
  Sha256Digest digest;
  SLUICE_TRY(work_.copy_from(inner_));
  SLUICE_TRY(work_.update(as_bytes(value)));
  SLUICE_TRY(work_.finish(digest));
  SLUICE_TRY(work_.copy_from(outer_));
  SLUICE_TRY(work_.update(digest));
  SLUICE_TRY(work_.finish(digest));
  text_.write(digest, out);
  return support::Status::success();
}

}  // namespace sluice::maskers
