// Where the plugin's AWS credentials come from (SPEC §4), first match wins:
//   1. the step's options: access_key_id with secret_access_key_env or
//      secret_access_key_file (and session_token_env/_file), or `profile`;
//   2. AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN;
//   3. the profile AWS_PROFILE (else "default") of the shared credentials
//      file, AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials.
#pragma once

#include <string>

#include "aws_credentials_internal.h"
#include "environment_internal.h"
#include "result_internal.h"

namespace sluice::sqs {

struct CredentialOptions {
  std::string access_key_id{};
  std::string secret_access_key_env{};
  std::string secret_access_key_file{};
  std::string session_token_env{};
  std::string session_token_file{};
  std::string profile{};
};

struct ResolvedCredentials {
  AwsCredentials credentials;
  // Where they came from, for the startup log line ("environment",
  // "profile default in /root/.aws/credentials", ...). Never a secret.
  std::string source;
};

Result<ResolvedCredentials> resolve_credentials(const CredentialOptions& options, const Environment& environment,
                                                const FileReader& files);

}  // namespace sluice::sqs
