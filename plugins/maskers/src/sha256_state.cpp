#include "sha256_state.h"

namespace sluice::maskers {
namespace {

support::Status openssl_failure() { return support::internal_error("OpenSSL SHA-256 failed"); }

}  // namespace

support::Result<Sha256State> Sha256State::create() {
  std::unique_ptr<EVP_MD_CTX, ContextFree> context(EVP_MD_CTX_new());
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1) return openssl_failure();
  return Sha256State(std::move(context));
}

support::Status Sha256State::copy_from(const Sha256State& other) {
  if (EVP_MD_CTX_copy_ex(context_.get(), other.context_.get()) != 1) return openssl_failure();
  return support::Status::success();
}

support::Status Sha256State::update(std::span<const std::uint8_t> bytes) {
  if (EVP_DigestUpdate(context_.get(), bytes.data(), bytes.size()) != 1) return openssl_failure();
  return support::Status::success();
}

support::Status Sha256State::finish(Sha256Digest& digest) {
  if (EVP_DigestFinal_ex(context_.get(), digest.data(), nullptr) != 1) return openssl_failure();
  return support::Status::success();
}

}  // namespace sluice::maskers
