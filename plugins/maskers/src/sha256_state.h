// A SHA-256 computation in progress, which can be copied: the hash maskers
// absorb their fixed prefix (salt, HMAC key pad) once and start every value
// from a copy of that state instead of from scratch.
#pragma once

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <memory>
#include <span>

#include <sluice/support/status.hpp>

namespace sluice::maskers {

using Sha256Digest = std::array<std::uint8_t, 32>;
inline constexpr std::size_t kSha256BlockBytes = 64;

class Sha256State {
 public:
  static support::Result<Sha256State> create();

  // Replaces this state with a copy of `other`.
  support::Status copy_from(const Sha256State& other);
  support::Status update(std::span<const std::uint8_t> bytes);
  support::Status finish(Sha256Digest& digest);

 private:
  struct ContextFree {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
  };
  explicit Sha256State(std::unique_ptr<EVP_MD_CTX, ContextFree> context) : context_(std::move(context)) {}

  std::unique_ptr<EVP_MD_CTX, ContextFree> context_;
};

inline std::span<const std::uint8_t> as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace sluice::maskers
