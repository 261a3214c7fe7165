// An AWS access key pair, with the session token of temporary credentials.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "error_kind.h"

namespace sluice::sqs {

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys

  AwsCredentials() = default;
  AwsCredentials(std::string key_id, std::string secret, std::string token = {})
      : access_key_id(std::move(key_id)),
        secret_access_key(std::move(secret)),
        session_token(std::move(token)) {}
  AwsCredentials(const AwsCredentials&) = default;
  AwsCredentials(AwsCredentials&&) = default;
  AwsCredentials& operator=(const AwsCredentials&) = default;
  AwsCredentials& operator=(AwsCredentials&&) = default;
  // Secrets should not outlive their use in freed memory.
  ~AwsCredentials() { wipe(); }

  void wipe();
};

// A set as clients hold it: a request keeps the set it was signed with
// while a refresh replaces the current one.
using SharedCredentials = std::shared_ptr<const AwsCredentials>;
// What a client signs each attempt with; callable from any thread. An
// Error when the credentials expired and nothing replaced them.
using CredentialSupplier = std::function<Result<SharedCredentials>()>;

// A supplier of one set that never changes (long-term keys, tests).
CredentialSupplier fixed_credentials(AwsCredentials credentials);

// Overwrites a secret held in a plain string (a token) and empties it.
void wipe_secret(std::string& secret);

}  // namespace sluice::sqs
