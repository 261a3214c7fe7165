#include "metadata_providers.h"

namespace sluice::sqs {
namespace {

constexpr char kTokenPath[] = "/latest/api/token";
constexpr char kRolesPath[] = "/latest/meta-data/iam/security-credentials/";
// How long the IMDSv2 session token lives; one is fetched per refresh.
constexpr char kTokenTtlSeconds[] = "21600";

std::string first_line(const std::string& text) {
  auto end = text.find_first_of("\r\n");
  return end == std::string::npos ? text : text.substr(0, end);
}

}  // namespace

std::optional<ImdsSettings> imds_settings(const Environment& environment) {
  auto disabled = environment("AWS_EC2_METADATA_DISABLED");
  if (disabled && (*disabled == "true" || *disabled == "TRUE" || *disabled == "True")) return std::nullopt;
  ImdsSettings settings;
  if (auto endpoint = environment("AWS_EC2_METADATA_SERVICE_ENDPOINT")) {
    settings.endpoint = *endpoint;
    while (settings.endpoint.ends_with('/')) settings.endpoint.pop_back();
  }
  return settings;
}

ImdsCredentialProvider::ImdsCredentialProvider(ImdsSettings settings, HttpFetch fetch)
    : settings_(std::move(settings)), fetch_(std::move(fetch)) {}

std::string ImdsCredentialProvider::name() const {
  return "EC2 instance metadata (" + settings_.endpoint + ")";
}

Result<std::string> ImdsCredentialProvider::exchange(const std::string& method, const std::string& path,
                                                     const HttpHeaders& headers) const {
  auto url = parse_url(settings_.endpoint + path);
  if (!url.ok())
    return make_error(ErrorKind::kConfig, "AWS_EC2_METADATA_SERVICE_ENDPOINT: " + url.status().message());
  Status last = make_error(ErrorKind::kNetwork, "no attempt");
  for (int attempt = 0; attempt <= settings_.retries; ++attempt) {
    HttpRequest request;
    request.method = method;
    request.url = *url;
    request.headers = headers;
    request.timeout = settings_.timeout;
    auto reply = fetch_(std::move(request));
    if (!reply.ok()) {
      last = make_error(error_kind(reply.status()), method + " " + path + ": " + reply.status().message());
      continue;
    }
    if (reply->status == 200) return std::move(reply->body);
    last = make_error(reply->status >= 500 ? ErrorKind::kServer : ErrorKind::kAuth,
                      method + " " + path + " answered HTTP " + std::to_string(reply->status));
    // A 4xx will not change on retry (403: IMDS disabled or hop limit; 404: no role).
    if (reply->status < 500) break;
  }
  return last;
}

Result<IssuedCredentials> ImdsCredentialProvider::fetch() {
  SLUICE_ASSIGN_OR_RETURN(
      auto token, exchange("PUT", kTokenPath, {{"X-aws-ec2-metadata-token-ttl-seconds", kTokenTtlSeconds}}));
  HttpHeaders with_token{{"X-aws-ec2-metadata-token", token}};
  wipe_secret(token);
  SLUICE_ASSIGN_OR_RETURN(auto roles, exchange("GET", kRolesPath, with_token));
  auto role = first_line(roles);
  if (role.empty())
    return make_error(ErrorKind::kConfig, "the instance has no IAM role attached (no instance profile)");
  auto document = exchange("GET", kRolesPath + role, with_token);
  wipe_secret(with_token.front().value);
  SLUICE_TRY(document);
  auto issued = parse_credential_document(*document, name());
  wipe_secret(*document);
  return issued;
}

}  // namespace sluice::sqs
