// The two STS calls the credential chain needs, over the query protocol
// (form requests, XML replies, API version 2011-06-15):
//   AssumeRole               signed with SigV4 (service "sts") by the caller's keys
//   AssumeRoleWithWebIdentity  unsigned: the web identity token is the proof
// Error replies become Errors that name the call, the role and AWS's code.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "credential_provider.h"
#include "environment.h"
#include "http_fetch.h"
#include "url.h"

namespace sluice::sqs {

// Where STS requests go, first match wins: AWS_ENDPOINT_URL_STS,
// AWS_ENDPOINT_URL, else the regional endpoint https://sts.REGION.amazonaws.com.
Result<Url> resolve_sts_endpoint(const Environment& environment, const std::string& region);

struct AssumeRoleRequest {
  std::string role_arn;
  std::string session_name;
  std::string external_id{};              // empty: not sent
  std::optional<int> duration_seconds{};  // unset: the role's default (1 h)
};

struct WebIdentityRequest {
  std::string role_arn;
  std::string session_name;
  std::string token;
};

class StsClient {
 public:
  StsClient(Url endpoint, std::string region, HttpFetch fetch)
      : endpoint_(std::move(endpoint)), region_(std::move(region)), fetch_(std::move(fetch)) {}

  Result<IssuedCredentials> assume_role(const AwsCredentials& caller, const AssumeRoleRequest& request) const;
  Result<IssuedCredentials> assume_role_with_web_identity(const WebIdentityRequest& request) const;

  const Url& endpoint() const { return endpoint_; }

 private:
  Result<IssuedCredentials> call(const std::string& action, const std::string& role_arn,
                                 HttpRequest request) const;

  Url endpoint_;
  std::string region_;
  HttpFetch fetch_;
};

// A role session name when none is configured: "sluice-" and the time.
std::string default_session_name();

}  // namespace sluice::sqs
