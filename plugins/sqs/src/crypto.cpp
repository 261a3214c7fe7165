#include "crypto.h"

#include <openssl/evp.h>

#include <sluice/support/hex.hpp>

namespace sluice::sqs {
namespace {

constexpr std::size_t kSha256BlockBytes = 64;

// One SHA-256 context per thread, initialised again for each digest:
// EVP_Digest and HMAC() create and free a context (and fetch the algorithm)
// on every call, some twenty heap allocations for each of the seven digests
// that sign one request. Failures (allocation only) leave a zero digest: the
// signature is then wrong and AWS refuses the request, which is reported.
class ThreadSha256 {
 public:
  ThreadSha256() : algorithm_(EVP_MD_fetch(nullptr, "SHA256", nullptr)), context_(EVP_MD_CTX_new()) {}
  ~ThreadSha256() {
    EVP_MD_CTX_free(context_);
    EVP_MD_free(algorithm_);
  }
  ThreadSha256(const ThreadSha256&) = delete;
  ThreadSha256& operator=(const ThreadSha256&) = delete;

  void begin() { EVP_DigestInit_ex2(context_, algorithm_, nullptr); }
  void update(const void* data, std::size_t size) { EVP_DigestUpdate(context_, data, size); }
  Sha256Digest finish() {
    Sha256Digest digest{};
    unsigned int length = 0;
    EVP_DigestFinal_ex(context_, digest.data(), &length);
    return digest;
  }

 private:
  EVP_MD* algorithm_;
  EVP_MD_CTX* context_;
};

ThreadSha256& thread_sha256() {
  thread_local ThreadSha256 hasher;
  return hasher;
}

// The key XORed with `pad`, as RFC 2104 defines HMAC's inner and outer keys.
std::array<std::uint8_t, kSha256BlockBytes> padded_key(std::string_view key, std::uint8_t pad) {
  std::array<std::uint8_t, kSha256BlockBytes> block{};
  block.fill(pad);
  for (std::size_t i = 0; i < key.size(); ++i) block[i] ^= static_cast<std::uint8_t>(key[i]);
  return block;
}

}  // namespace

Sha256Digest sha256(std::string_view data) {
  auto& hasher = thread_sha256();
  hasher.begin();
  hasher.update(data.data(), data.size());
  return hasher.finish();
}

// RFC 2104: H((K ^ opad) || H((K ^ ipad) || data)), a key longer than a
// block replaced by its digest.
Sha256Digest hmac_sha256(std::string_view key, std::string_view data) {
  Sha256Digest long_key_digest{};
  if (key.size() > kSha256BlockBytes) {
    long_key_digest = sha256(key);
    key = as_bytes(long_key_digest);
  }
  auto& hasher = thread_sha256();
  auto inner_key = padded_key(key, 0x36);
  hasher.begin();
  hasher.update(inner_key.data(), inner_key.size());
  hasher.update(data.data(), data.size());
  auto inner = hasher.finish();
  auto outer_key = padded_key(key, 0x5c);
  hasher.begin();
  hasher.update(outer_key.data(), outer_key.size());
  hasher.update(inner.data(), inner.size());
  auto digest = hasher.finish();
  // The padded keys hold the secret: don't leave it on the stack.
  OPENSSL_cleanse(inner_key.data(), inner_key.size());
  OPENSSL_cleanse(outer_key.data(), outer_key.size());
  return digest;
}

std::string hex_encode(const Sha256Digest& digest) {
  std::string hex;
  support::append_hex(hex, digest.data(), digest.size());
  return hex;
}

}  // namespace sluice::sqs
