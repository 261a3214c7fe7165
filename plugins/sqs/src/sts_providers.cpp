#include "sts_providers_internal.h"

namespace sluice::sqs {
namespace {

std::string trimmed(std::string text) {
  auto is_space = [](char c) { return c == '\n' || c == '\r' || c == ' ' || c == '\t'; };
  while (!text.empty() && is_space(text.back())) text.pop_back();
  std::size_t first = 0;
  while (first < text.size() && is_space(text[first])) ++first;
  return text.substr(first);
}

}  // namespace

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
  if (!token) return make_error(ErrorKind::kConfig, "the web identity token file " + token_file_ + " cannot be read");
  WebIdentityRequest request{role_arn_, session_name_, trimmed(std::move(*token))};
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
  if (!caller) {
    auto error = caller.status();
    error.message() = "the source credentials of AssumeRole (" + source_->name() + "): " + error.message();
    return error;
  }
  return sts_.assume_role(caller->credentials, request_);
}

}  // namespace sluice::sqs
