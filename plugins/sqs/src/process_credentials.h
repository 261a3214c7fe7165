// credential_process of a shared-config profile: runs the command and reads
// the JSON it prints, as the AWS CLI documents ("Sourcing credentials with
// an external process"): {"Version": 1, "AccessKeyId", "SecretAccessKey",
// "SessionToken" (optional), "Expiration" (optional, ISO 8601)}.
#pragma once

#include <functional>
#include <string>

#include "credential_provider.h"

namespace sluice::sqs {

// Runs `command` with /bin/sh and returns what it printed on stdout; an
// Error when it cannot start or exits non-zero. Its stderr goes to ours.
using CommandRunner = std::function<Result<std::string>(const std::string& command)>;

CommandRunner shell_runner();

class ProcessCredentialProvider final : public CredentialProvider {
 public:
  ProcessCredentialProvider(std::string command, std::string profile, CommandRunner run)
      : command_(std::move(command)), profile_(std::move(profile)), run_(std::move(run)) {}
  std::string name() const override;
  Result<IssuedCredentials> fetch() override;

 private:
  std::string command_;
  std::string profile_;
  CommandRunner run_;
};

}  // namespace sluice::sqs
