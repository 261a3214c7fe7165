// The providers that ask an HTTP endpoint on the machine:
//   ContainerCredentialProvider  the ECS task role / EKS Pod Identity agent:
//       GET AWS_CONTAINER_CREDENTIALS_RELATIVE_URI on 169.254.170.2, or
//       AWS_CONTAINER_CREDENTIALS_FULL_URI, with the Authorization header
//       from AWS_CONTAINER_AUTHORIZATION_TOKEN or _TOKEN_FILE (re-read at
//       each call: the agent rotates it)
//   ImdsCredentialProvider  EC2 instance metadata, IMDSv2 only: PUT a
//       session token, GET the role name, GET its credentials; 1 s per
//       request and one retry, so that a machine without IMDS moves on fast
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "credential_provider.h"
#include "environment.h"
#include "http_fetch.h"
#include "url.h"

namespace sluice::sqs {

class ContainerCredentialProvider final : public CredentialProvider {
 public:
  // nullopt when neither URI variable is set; an Error when they are set wrong.
  static std::optional<Result<std::unique_ptr<ContainerCredentialProvider>>> from_environment(
      const Environment& environment, FileReader files, HttpFetch fetch);

  std::string name() const override;
  Result<IssuedCredentials> fetch() override;

 private:
  ContainerCredentialProvider(Url url, std::string token, std::string token_file, FileReader files,
                              HttpFetch fetch);
  Result<std::string> authorization() const;

  Url url_;
  std::string token_;       // AWS_CONTAINER_AUTHORIZATION_TOKEN
  std::string token_file_;  // AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE
  FileReader files_;
  HttpFetch fetch_;
};

struct ImdsSettings {
  std::string endpoint = "http://169.254.169.254";
  std::chrono::milliseconds timeout{1000};
  int retries = 1;
};

// AWS_EC2_METADATA_SERVICE_ENDPOINT moves the endpoint; nullopt when
// AWS_EC2_METADATA_DISABLED is "true".
std::optional<ImdsSettings> imds_settings(const Environment& environment);

class ImdsCredentialProvider final : public CredentialProvider {
 public:
  ImdsCredentialProvider(ImdsSettings settings, HttpFetch fetch);
  std::string name() const override;
  Result<IssuedCredentials> fetch() override;

 private:
  // One request with the provider's timeout and retry; the 200 reply's body.
  Result<std::string> exchange(const std::string& method, const std::string& path,
                               const HttpHeaders& headers) const;

  ImdsSettings settings_;
  HttpFetch fetch_;
};

}  // namespace sluice::sqs
