#include "sts_providers.h"

#include <sluice/support/ascii.hpp>

namespace sluice::sqs {

WebIdentityProvider::WebIdentityProvider(StsClient sts, std::string role_arn, std::string session_name,
                                         std::string token_file, FileReader files, std::string origin)
    : sts_(std::move(sts)),
      role_arn_(std::move(role_arn)),
      session_name_(std::move(session_name)),
      token_file_(std::move(token_file)),
      files_(std::move(files)),
      origin_(std::move(origin)) {}

std::string WebIdentityProvider::name() const {
  return "web identity (" + origin_ + ", role " + role_arn_ + ")";
}

Result<IssuedCredentials> WebIdentityProvider::fetch() {
  auto token = files_(token_file_);
  if (!token)
    return make_error(ErrorKind::kConfig, "the web identity token file " + token_file_ + " cannot be read");
  WebIdentityRequest request{role_arn_, session_name_, std::string(support::trim_ascii_space(*token))};
  wipe_secret(*token);
  if (request.token.empty()) {
    return make_error(ErrorKind::kConfig, "the web identity token file " + token_file_ + " is empty");
  }
  auto issued = sts_.assume_role_with_web_identity(request);
  wipe_secret(request.token);
  return issued;
}

AssumeRoleProvider::AssumeRoleProvider(StsClient sts, AssumeRoleRequest request,
                                       std::shared_ptr<CredentialProvider> source)
    : sts_(std::move(sts)), request_(std::move(request)), source_(std::move(source)) {}

std::string AssumeRoleProvider::name() const {
  return "AssumeRole of " + request_.role_arn + " with credentials from " + source_->name();
}

Result<IssuedCredentials> AssumeRoleProvider::fetch() {
  auto caller = source_->fetch();
  if (!caller.ok()) {
    return caller.status().with_context("the source credentials of AssumeRole (" + source_->name() + ")");
  }
  return sts_.assume_role(caller->credentials, request_);
}

}  // namespace sluice::sqs
