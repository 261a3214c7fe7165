// Where the plugin's AWS credentials come from (SPEC §4): the AWS SDKs'
// default chain, first match wins.
//   1. the step's options: access_key_id with secret_access_key_env or
//      secret_access_key_file (and session_token_env/_file), or `profile`;
//   2. AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN;
//   3. web identity: AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN
//      (+ AWS_ROLE_SESSION_NAME), through STS AssumeRoleWithWebIdentity;
//   4. the profile AWS_PROFILE (else "default") of the shared config and
//      credentials files: static keys, role_arn with source_profile /
//      credential_source / web_identity_token_file, credential_process;
//   5. the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_*);
//   6. EC2 instance metadata (IMDSv2).
// The step's role_arn option then assumes that role with what was found.
// A source that is configured but fails is an error naming it; when none
// is configured the error lists every place that was looked at.
#pragma once

#include <memory>
#include <string>

#include "credential_provider.h"
#include "environment.h"
#include "error_kind.h"
#include "http_fetch.h"
#include "process_credentials.h"

namespace sluice::sqs {

struct CredentialOptions {
  std::string access_key_id{};
  std::string secret_access_key_env{};
  std::string secret_access_key_file{};
  std::string session_token_env{};
  std::string session_token_file{};
  std::string profile{};
  std::string role_arn{};
  std::string external_id{};
  std::string role_session_name{};
};

// What the chain may touch, passed in so that tests can fake all of it.
struct CredentialSystem {
  Environment environment;
  FileReader files;
  HttpFetch http;
  CommandRunner run;
  std::string region;  // STS's regional endpoint: the queue's region
};

CredentialSystem process_credential_system(std::string region);

struct ResolvedCredentials {
  // Issues fresh sets when `issued` nears its expiration.
  std::shared_ptr<CredentialProvider> provider;
  IssuedCredentials issued;
  // Where they came from, for the startup log line ("the environment",
  // "EC2 instance metadata (http://169.254.169.254)", ...). Never a secret.
  std::string source;
};

Result<ResolvedCredentials> resolve_credentials(const CredentialOptions& options,
                                                const CredentialSystem& system);

}  // namespace sluice::sqs
