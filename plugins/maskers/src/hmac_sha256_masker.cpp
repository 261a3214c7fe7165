#include "hmac_sha256_masker.h"

#include <openssl/crypto.h>

#include <algorithm>

namespace sluice::maskers {
namespace {

constexpr std::uint8_t kInnerPad = 0x36;
constexpr std::uint8_t kOuterPad = 0x5c;

// A state that has absorbed K0 xor pad, K0 being the key zero-padded to a
// block (or its digest when longer than a block).
Result<Sha256State> padded_key_state(std::span<const std::uint8_t> key, std::uint8_t pad) {
  std::uint8_t block[kSha256BlockBytes] = {};
  Sha256Digest hashed_key = {};
  if (key.size() > kSha256BlockBytes) {
    Result<Sha256State> hasher = Sha256State::create();
    if (!hasher.ok() || !hasher.value().update(key).ok() || !hasher.value().finish(hashed_key).ok()) {
      return fail("OpenSSL SHA-256 failed");
    }
    key = hashed_key;
  }
  std::copy(key.begin(), key.end(), block);
  for (std::uint8_t& byte : block) byte ^= pad;
  Result<Sha256State> state = Sha256State::create();
  const bool absorbed = state.ok() && state.value().update(block).ok();
  OPENSSL_cleanse(block, sizeof block);
  OPENSSL_cleanse(hashed_key.data(), hashed_key.size());
  if (!absorbed) return fail("OpenSSL SHA-256 failed");
  return state;
}

}  // namespace

Result<HmacSha256Masker> HmacSha256Masker::create(std::span<const std::uint8_t> key, DigestText text) {
  Result<Sha256State> inner = padded_key_state(key, kInnerPad);
  if (!inner.ok()) return fail(inner.reason());
  Result<Sha256State> outer = padded_key_state(key, kOuterPad);
  if (!outer.ok()) return fail(outer.reason());
  Result<Sha256State> work = Sha256State::create();
  if (!work.ok()) return fail(work.reason());
  return HmacSha256Masker(std::move(inner).value(), std::move(outer).value(), std::move(work).value(),
                          std::move(text));
}

Status HmacSha256Masker::mask(std::string_view value, std::string& out) {
  Sha256Digest digest;
  if (Status s = work_.copy_from(inner_); !s.ok()) return s;
  if (Status s = work_.update(as_bytes(value)); !s.ok()) return s;
  if (Status s = work_.finish(digest); !s.ok()) return s;
  if (Status s = work_.copy_from(outer_); !s.ok()) return s;
  if (Status s = work_.update(digest); !s.ok()) return s;
  if (Status s = work_.finish(digest); !s.ok()) return s;
  text_.write(digest, out);
  return Status::success();
}

}  // namespace sluice::maskers
