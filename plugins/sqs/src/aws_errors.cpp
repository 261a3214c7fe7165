#include "aws_errors.h"

#include <algorithm>
#include <array>
#include <string>

namespace sluice::sqs {
namespace {

// Codes of both protocols (JSON names and the query protocol's legacy
// names); AWS documents them per action and in "Common Errors".
constexpr std::array kQueueMissingCodes{std::string_view("QueueDoesNotExist"),
                                        std::string_view("AWS.SimpleQueueService.NonExistentQueue")};

constexpr std::array kAuthCodes{std::string_view("InvalidClientTokenId"),
                                std::string_view("UnrecognizedClientException"),
                                std::string_view("SignatureDoesNotMatch"),
                                std::string_view("IncompleteSignature"),
                                std::string_view("MissingAuthenticationToken"),
                                std::string_view("MissingAuthenticationTokenException"),
                                std::string_view("InvalidSecurity"),
                                std::string_view("AccessDenied"),
                                std::string_view("AccessDeniedException"),
                                std::string_view("ExpiredToken"),
                                std::string_view("ExpiredTokenException"),
                                std::string_view("RequestExpired"),
                                std::string_view("InvalidAccessKeyId"),
                                std::string_view("AuthFailure"),
                                std::string_view("NotAuthorized"),
                                std::string_view("KmsAccessDenied"),
                                std::string_view("KMS.AccessDeniedException")};

constexpr std::array kThrottlingCodes{
    std::string_view("ThrottlingException"), std::string_view("Throttling"),
    std::string_view("RequestThrottled"), std::string_view("AWS.SimpleQueueService.RequestThrottled"),
    std::string_view("TooManyRequestsException"), std::string_view("RequestLimitExceeded"),
    std::string_view("SlowDown"), std::string_view("KmsThrottled"),
    std::string_view("KMS.ThrottlingException"),
    // Too many messages in flight: settles as acknowledgements arrive.
    std::string_view("OverLimit")};

constexpr std::array kServerCodes{std::string_view("InternalError"), std::string_view("InternalFailure"),
                                  std::string_view("ServiceUnavailable"),
                                  std::string_view("AWS.SimpleQueueService.ServiceUnavailable")};

template <std::size_t N>
bool names(const std::array<std::string_view, N>& codes, const AwsErrorReply& reply) {
  auto matches = [&](std::string_view code) {
    return !code.empty() && std::find(codes.begin(), codes.end(), code) != codes.end();
  };
  return matches(reply.code) || matches(reply.legacy_code);
}

ErrorKind classify(const AwsErrorReply& reply) {
  if (names(kQueueMissingCodes, reply)) return ErrorKind::kQueueMissing;
  if (names(kAuthCodes, reply)) return ErrorKind::kAuth;
  if (names(kThrottlingCodes, reply) || reply.http_status == 429) return ErrorKind::kThrottled;
  if (names(kServerCodes, reply) || reply.http_status >= 500) return ErrorKind::kServer;
  if (reply.code.empty() && (reply.http_status == 401 || reply.http_status == 403)) return ErrorKind::kAuth;
  return ErrorKind::kRejected;
}

// "(Code: message)" or "(HTTP 503)" when AWS said nothing readable.
std::string what_aws_said(const AwsErrorReply& reply) {
  const auto& code = reply.code.empty() ? reply.legacy_code : reply.code;
  if (code.empty()) return "(HTTP " + std::to_string(reply.http_status) + ")";
  return "(" + code + (reply.message.empty() ? "" : ": " + reply.message) + ")";
}

}  // namespace

Status describe_error_reply(const AwsErrorReply& reply, SqsAction action, std::string_view queue_url) {
  auto kind = classify(reply);
  auto said = what_aws_said(reply);
  auto url = std::string(queue_url);
  auto act = std::string(action_name(action));
  std::string message;
  switch (kind) {
    case ErrorKind::kQueueMissing:
      message = "queue " + url + " does not exist " + said + "; check queue_url and the endpoint/region";
      break;
    case ErrorKind::kAuth:
      message = "AWS refused the credentials for " + act + " on " + url + " " + said +
                "; check the access key id, secret access key and session token (or AWS_PROFILE), "
                "and that they may use this queue";
      break;
    case ErrorKind::kThrottled: message = "SQS throttled " + act + " on " + url + " " + said; break;
    case ErrorKind::kServer:
      message =
          "SQS failed " + act + " on " + url + " with HTTP " + std::to_string(reply.http_status) + " " + said;
      break;
    default:
      message = "SQS refused " + act + " on " + url + " with HTTP " + std::to_string(reply.http_status) +
                " " + said;
      break;
  }
  return make_error(kind, std::move(message), reply.code.empty() ? reply.legacy_code : reply.code);
}

Status describe_transport_failure(std::string_view detail, SqsAction action, std::string_view endpoint) {
  return make_error(ErrorKind::kNetwork, "cannot reach the SQS endpoint " + std::string(endpoint) + " for " +
                                             std::string(action_name(action)) + ": " + std::string(detail));
}

Status describe_malformed_reply(const Status& cause, SqsAction action, std::string_view endpoint) {
  return make_error(ErrorKind::kMalformed, "unreadable " + std::string(action_name(action)) + " reply from " +
                                               std::string(endpoint) + ": " + cause.message());
}

}  // namespace sluice::sqs
