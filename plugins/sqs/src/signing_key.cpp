#include "signing_key.h"

#include <openssl/crypto.h>

#include <string>

namespace sluice::sqs {
namespace {

// The last key a thread derived and what it was derived from. It holds a
// copy of the secret (to recognise it) as long as the thread lives: wiped
// when replaced and when the thread ends, like the credentials it copies.
class SigningKeyCache {
 public:
  SigningKeyCache() = default;
  SigningKeyCache(const SigningKeyCache&) = delete;
  SigningKeyCache& operator=(const SigningKeyCache&) = delete;
  ~SigningKeyCache() { wipe(); }

  const Sha256Digest& get(std::string_view secret, const SigningScope& scope) {
    if (!valid_ || secret != secret_ || scope.date != date_ || scope.region != region_ ||
        scope.service != service_) {
      wipe();
      key_ = derive_signing_key(secret, scope);
      secret_.assign(secret);
      date_ = scope.date;
      region_ = scope.region;
      service_ = scope.service;
      valid_ = true;
    }
    return key_;
  }

 private:
  void wipe() {
    OPENSSL_cleanse(secret_.data(), secret_.size());
    OPENSSL_cleanse(key_.data(), key_.size());
    secret_.clear();
    valid_ = false;
  }

  bool valid_ = false;
  std::string secret_;
  std::string date_;
  std::string region_;
  std::string service_;
  Sha256Digest key_{};
};

}  // namespace

Sha256Digest derive_signing_key(std::string_view secret_access_key, const SigningScope& scope) {
  std::string secret_key = "AWS4" + std::string(secret_access_key);
  auto date_key = hmac_sha256(secret_key, scope.date);
  auto region_key = hmac_sha256(as_bytes(date_key), scope.region);
  auto service_key = hmac_sha256(as_bytes(region_key), scope.service);
  OPENSSL_cleanse(secret_key.data(), secret_key.size());
  return hmac_sha256(as_bytes(service_key), "aws4_request");
}

Sha256Digest signing_key(std::string_view secret_access_key, const SigningScope& scope) {
  thread_local SigningKeyCache cache;
  return cache.get(secret_access_key, scope);
}

}  // namespace sluice::sqs
