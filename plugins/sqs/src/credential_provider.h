// One place AWS credentials can come from (SPEC §4): the step's options, the
// environment, STS, a shared-config profile, a command, the container
// endpoint or EC2 instance metadata. Each is a small unit behind this
// interface; credential_chain picks one, refreshing_credentials keeps what
// it issues fresh.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "aws_credentials.h"
#include "error_kind.h"

namespace sluice::sqs {

// A set of credentials and, for temporary ones, when they stop working.
struct IssuedCredentials {
  AwsCredentials credentials;
  std::optional<std::chrono::system_clock::time_point> expiration;  // nullopt: long-term keys
};

class CredentialProvider {
 public:
  virtual ~CredentialProvider() = default;
  // Where the credentials come from, for logs and errors ("EC2 instance
  // metadata", "web identity for role arn:..."). Never a secret.
  virtual std::string name() const = 0;
  // A fresh set. Blocks (HTTP, a command); runs on the refresh thread too,
  // so implementations keep no state that another call could race on.
  virtual Result<IssuedCredentials> fetch() = 0;
};

// Long-term keys known up front: the step's options, the environment, a
// profile's aws_access_key_id.
class StaticCredentialProvider final : public CredentialProvider {
 public:
  StaticCredentialProvider(std::string name, AwsCredentials credentials)
      : name_(std::move(name)), credentials_(std::move(credentials)) {}
  std::string name() const override { return name_; }
  Result<IssuedCredentials> fetch() override { return IssuedCredentials{credentials_, std::nullopt}; }

 private:
  std::string name_;
  AwsCredentials credentials_;
};

// An ISO 8601 UTC time as AWS writes expirations: "2026-12-04T23:59:59Z",
// with optional fractional seconds, "Z" or "+00:00". nullopt otherwise.
std::optional<std::chrono::system_clock::time_point> parse_aws_time(std::string_view text);

// Reads the JSON credential document that the container endpoint, IMDS and
// credential_process return: AccessKeyId, SecretAccessKey, Token (or
// SessionToken), Expiration. `what` names the source in errors; the
// document itself never appears in one (it holds secrets).
Result<IssuedCredentials> parse_credential_document(std::string_view json, std::string_view what);

}  // namespace sluice::sqs
