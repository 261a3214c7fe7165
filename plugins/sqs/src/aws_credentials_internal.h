// An AWS access key pair, with the session token of temporary credentials.
#pragma once

#include <string>
#include <utility>

namespace sluice::sqs {

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys

  AwsCredentials() = default;
  AwsCredentials(std::string key_id, std::string secret, std::string token = {})
      : access_key_id(std::move(key_id)), secret_access_key(std::move(secret)), session_token(std::move(token)) {}
  AwsCredentials(const AwsCredentials&) = default;
  AwsCredentials(AwsCredentials&&) = default;
  AwsCredentials& operator=(const AwsCredentials&) = default;
  AwsCredentials& operator=(AwsCredentials&&) = default;
  // Secrets should not outlive their use in freed memory.
  ~AwsCredentials() { wipe(); }

  void wipe();
};

}  // namespace sluice::sqs
