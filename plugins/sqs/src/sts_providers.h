// The providers that get their credentials from STS:
//   WebIdentityProvider  AssumeRoleWithWebIdentity with a token read from a
//                        file at each call (EKS rotates it: IRSA)
//   AssumeRoleProvider   AssumeRole signed with what another provider gives
//                        (a source_profile, or the chain under the step's
//                        role_arn option)
#pragma once

#include <memory>

#include "credential_provider.h"
#include "sts_client.h"

namespace sluice::sqs {

class WebIdentityProvider final : public CredentialProvider {
 public:
  // `origin` says where the settings came from ("AWS_WEB_IDENTITY_TOKEN_FILE",
  // "profile ci"), for the provider's name.
  WebIdentityProvider(StsClient sts, std::string role_arn, std::string session_name, std::string token_file,
                      FileReader files, std::string origin);
  std::string name() const override;
  Result<IssuedCredentials> fetch() override;

 private:
  StsClient sts_;
  std::string role_arn_;
  std::string session_name_;
  std::string token_file_;
  FileReader files_;
  std::string origin_;
};

class AssumeRoleProvider final : public CredentialProvider {
 public:
  AssumeRoleProvider(StsClient sts, AssumeRoleRequest request, std::shared_ptr<CredentialProvider> source);
  std::string name() const override;
  Result<IssuedCredentials> fetch() override;

 private:
  StsClient sts_;
  AssumeRoleRequest request_;
  std::shared_ptr<CredentialProvider> source_;
};

}  // namespace sluice::sqs
