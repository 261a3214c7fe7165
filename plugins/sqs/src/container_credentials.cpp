#include "metadata_providers.h"

#include <sluice/support/ascii.hpp>

namespace sluice::sqs {
namespace {

constexpr char kEcsHost[] = "http://169.254.170.2";
constexpr std::chrono::milliseconds kContainerTimeout{5000};

// The AWS SDKs accept plain http only to hosts on the machine or the
// container agents' link-local addresses: anything else would send the
// token across a network in clear.
bool allowed_http_host(const std::string& host) {
  return host == "localhost" || host.starts_with("127.") || host == "[::1]" || host == "169.254.170.2" ||
         host == "169.254.170.23" || host == "[fd00:ec2::23]";
}

}  // namespace

std::optional<Result<std::unique_ptr<ContainerCredentialProvider>>>
ContainerCredentialProvider::from_environment(const Environment& environment, FileReader files,
                                              HttpFetch fetch) {
  using Made = Result<std::unique_ptr<ContainerCredentialProvider>>;
  auto relative = environment("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  auto full = environment("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  if (!relative && !full) return std::nullopt;
  std::string text = relative ? kEcsHost + *relative : *full;
  const char* variable =
      relative ? "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" : "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  auto url = parse_url(text);
  if (!url.ok())
    return Made(make_error(ErrorKind::kConfig, std::string(variable) + ": " + url.status().message()));
  if (url->scheme == "http" && !allowed_http_host(url->host)) {
    return Made(
        make_error(ErrorKind::kConfig, std::string(variable) + " " + text +
                                           ": plain http is allowed only to the local machine and the "
                                           "container agents (169.254.170.2, 169.254.170.23); use https"));
  }
  auto token = environment("AWS_CONTAINER_AUTHORIZATION_TOKEN").value_or("");
  auto token_file = environment("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE").value_or("");
  return Made(std::unique_ptr<ContainerCredentialProvider>(new ContainerCredentialProvider(
      std::move(url).value(), std::move(token), std::move(token_file), std::move(files), std::move(fetch))));
}

ContainerCredentialProvider::ContainerCredentialProvider(Url url, std::string token, std::string token_file,
                                                         FileReader files, HttpFetch fetch)
    : url_(std::move(url)),
      token_(std::move(token)),
      token_file_(std::move(token_file)),
      files_(std::move(files)),
      fetch_(std::move(fetch)) {}

std::string ContainerCredentialProvider::name() const {
  return "the container credentials endpoint " + url_.to_string();
}

Result<std::string> ContainerCredentialProvider::authorization() const {
  if (token_file_.empty()) return token_;
  auto content = files_(token_file_);
  if (!content) {
    return make_error(ErrorKind::kConfig,
                      "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + token_file_ + " cannot be read");
  }
  std::string token(support::trim_ascii_space(*content));
  wipe_secret(*content);
  return token;
}

Result<IssuedCredentials> ContainerCredentialProvider::fetch() {
  SLUICE_ASSIGN_OR_RETURN(auto token, authorization());
  HttpRequest request;
  request.method = "GET";
  request.url = url_;
  request.timeout = kContainerTimeout;
  request.headers = {{"Accept", "application/json"}};
  if (!token.empty()) request.headers.push_back({"Authorization", token});
  wipe_secret(token);
  auto reply = fetch_(std::move(request));
  if (!reply.ok())
    return make_error(error_kind(reply.status()), "cannot reach " + name() + ": " + reply.status().message());
  if (reply->status != 200) {
    return make_error(reply->status >= 500 ? ErrorKind::kServer : ErrorKind::kAuth,
                      name() + " answered HTTP " + std::to_string(reply->status));
  }
  return parse_credential_document(reply->body, name());
}

}  // namespace sluice::sqs
