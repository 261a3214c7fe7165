#include "sts_client.h"

#include "sigv4.h"
#include "uri_encoding.h"
#include "xml_reader.h"

namespace sluice::sqs {
namespace {

constexpr char kApiVersion[] = "2011-06-15";
constexpr std::chrono::milliseconds kStsTimeout{10000};

HttpRequest form_request(const Url& endpoint, const FormFields& fields) {
  HttpRequest request;
  request.method = "POST";
  request.url = endpoint;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  request.body = form_encode(fields);
  request.timeout = kStsTimeout;
  return request;
}

// 4xx codes that mean the caller or the role is wrong, not the network.
ErrorKind kind_of(long status, const std::string& code) {
  if (code == "Throttling" || status == 429) return ErrorKind::kThrottled;
  if (status >= 500) return ErrorKind::kServer;
  if (code == "AccessDenied" || code == "InvalidClientTokenId" || code == "SignatureDoesNotMatch" ||
      code == "ExpiredToken" || code == "ExpiredTokenException" || code == "InvalidIdentityToken" ||
      code == "IDPRejectedClaim" || code == "IncompleteSignature" || status == 403) {
    return ErrorKind::kAuth;
  }
  return ErrorKind::kRejected;
}

Status error_reply(const std::string& action, const std::string& role_arn, const Url& endpoint,
                   const HttpResponse& reply) {
  std::string code;
  std::string message;
  if (auto root = parse_xml(reply.body); root.ok()) {
    const XmlElement* error = root->child("Error");
    if (error == nullptr && root->name == "Error") error = &*root;
    if (error != nullptr) {
      code = std::string(error->child_text("Code"));
      message = std::string(error->child_text("Message"));
    }
  }
  std::string said =
      code.empty() ? "HTTP " + std::to_string(reply.status) : code + (message.empty() ? "" : ": " + message);
  return make_error(
      kind_of(reply.status, code),
      "STS " + action + " for role " + role_arn + " at " + endpoint.to_string() + " failed (" + said + ")",
      code);
}

Result<IssuedCredentials> credentials_of(const std::string& action, const Url& endpoint,
                                         std::string_view body) {
  auto malformed = [&](const std::string& why) {
    return make_error(ErrorKind::kMalformed,
                      "unreadable STS " + action + " reply from " + endpoint.to_string() + ": " + why);
  };
  auto root = parse_xml(body);
  if (!root.ok()) return malformed(root.status().message());
  const XmlElement* result = root->child(action + "Result");
  const XmlElement* credentials = result == nullptr ? nullptr : result->child("Credentials");
  if (credentials == nullptr) return malformed("no " + action + "Result/Credentials");
  IssuedCredentials issued;
  issued.credentials = AwsCredentials{std::string(credentials->child_text("AccessKeyId")),
                                      std::string(credentials->child_text("SecretAccessKey")),
                                      std::string(credentials->child_text("SessionToken"))};
  if (issued.credentials.access_key_id.empty() || issued.credentials.secret_access_key.empty() ||
      issued.credentials.session_token.empty()) {
    return malformed("AccessKeyId, SecretAccessKey or SessionToken is missing");
  }
  auto expiration = std::string(credentials->child_text("Expiration"));
  issued.expiration = parse_aws_time(expiration);
  if (!issued.expiration) return malformed("Expiration '" + expiration + "' is not an ISO 8601 UTC time");
  return issued;
}

}  // namespace

Result<Url> resolve_sts_endpoint(const Environment& environment, const std::string& region) {
  for (const char* variable : {"AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"}) {
    if (auto value = environment(variable)) {
      auto url = parse_url(*value);
      if (!url.ok())
        return make_error(ErrorKind::kConfig, std::string(variable) + ": " + url.status().message());
      return url;
    }
  }
  return parse_url("https://sts." + region + ".amazonaws.com/");
}

Result<IssuedCredentials> StsClient::assume_role(const AwsCredentials& caller,
                                                 const AssumeRoleRequest& request) const {
  FormFields fields{{"Action", "AssumeRole"},
                    {"Version", kApiVersion},
                    {"RoleArn", request.role_arn},
                    {"RoleSessionName", request.session_name}};
  if (!request.external_id.empty()) fields.emplace_back("ExternalId", request.external_id);
  if (request.duration_seconds)
    fields.emplace_back("DurationSeconds", std::to_string(*request.duration_seconds));
  auto http = form_request(endpoint_, fields);
  sign_request(http, caller, region_, "sts", std::chrono::system_clock::now());
  return call("AssumeRole", request.role_arn, std::move(http));
}

Result<IssuedCredentials> StsClient::assume_role_with_web_identity(const WebIdentityRequest& request) const {
  FormFields fields{{"Action", "AssumeRoleWithWebIdentity"},
                    {"Version", kApiVersion},
                    {"RoleArn", request.role_arn},
                    {"RoleSessionName", request.session_name},
                    {"WebIdentityToken", request.token}};
  return call("AssumeRoleWithWebIdentity", request.role_arn, form_request(endpoint_, fields));
}

Result<IssuedCredentials> StsClient::call(const std::string& action, const std::string& role_arn,
                                          HttpRequest request) const {
  auto reply = fetch_(std::move(request));
  if (!reply.ok()) {
    return make_error(error_kind(reply.status()), "cannot reach STS at " + endpoint_.to_string() + " for " +
                                                      action + ": " + reply.status().message());
  }
  if (reply->status < 200 || reply->status >= 300) return error_reply(action, role_arn, endpoint_, *reply);
  return credentials_of(action, endpoint_, reply->body);
}

std::string default_session_name() {
  auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  return "sluice-" + std::to_string(seconds.count());
}

}  // namespace sluice::sqs
