// One AES key, ready to encrypt single 16-byte blocks: the primitive CIPH_K
// of NIST SP 800-38G. The OpenSSL context is set up once per key (its key
// schedule wiped by OpenSSL on destruction) and reused for every block, so
// no per-value initialisation or allocation happens.
//
// Not thread-safe: one instance per thread.
#pragma once

#include <openssl/evp.h>

#include <cstdint>
#include <memory>
#include <span>

#include <sluice/support/status.hpp>

namespace sluice::maskers {

inline constexpr std::size_t kAesBlockBytes = 16;
using AesBlock = std::uint8_t[kAesBlockBytes];

class AesBlockCipher {
 public:
  // `key` is 16, 24 or 32 bytes.
  static support::Result<AesBlockCipher> create(std::span<const std::uint8_t> key);

  // `in` and `out` may be the same block.
  void encrypt(const AesBlock& in, AesBlock& out) { encrypt_blocks(in, out, 1); }

  // Consecutive blocks in one call, for the few places that have several.
  void encrypt_blocks(const std::uint8_t* in, std::uint8_t* out, std::size_t blocks);

 private:
  struct ContextFree {
    void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
  };
  explicit AesBlockCipher(std::unique_ptr<EVP_CIPHER_CTX, ContextFree> context)
      : context_(std::move(context)) {}

  std::unique_ptr<EVP_CIPHER_CTX, ContextFree> context_;
};

}  // namespace sluice::maskers
