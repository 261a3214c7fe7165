// How the SQS library reports failures: support::Status / Result<T>, with
// sqs's own ErrorKind attached as the detail (what a caller acts on: retry,
// fix the configuration, give up) and the AWS error code as the tag.
// Nothing here throws; the plugin glue turns a failed Status into an ABI status.
#pragma once

#include <string>
#include <utility>

#include <sluice/support/status.hpp>

namespace sluice::sqs {

using support::Result;
using support::Status;

enum class ErrorKind {
  kConfig,              // bad option or environment; retrying cannot help
  kAuth,                // AWS refused the credentials or the signature
  kQueueMissing,        // the queue URL names no queue
  kThrottled,           // AWS asked us to slow down
  kServer,              // a 5xx reply
  kNetwork,             // no HTTP reply at all (DNS, connect, reset, timeout)
  kRejected,            // any other 4xx reply: the request itself was refused
  kMalformed,           // a reply we could not parse
  kCancelled,           // we abandoned the request ourselves (shutdown)
  kCredentialsExpired,  // temporary credentials ran out and no refresh replaced them
  kInternal,            // a bug
};

// The ABI category of each kind: what the host does with the failure (a
// refused request or a missing queue is the pipeline's to fix; an outage or
// an unreadable reply may pass).
inline support::StatusCode status_code_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kConfig:
    case ErrorKind::kAuth:
    case ErrorKind::kQueueMissing:
    case ErrorKind::kRejected: return support::StatusCode::kConfig;
    case ErrorKind::kThrottled:
    case ErrorKind::kServer:
    case ErrorKind::kNetwork:
    case ErrorKind::kMalformed:
    case ErrorKind::kCredentialsExpired: return support::StatusCode::kUnavailable;
    case ErrorKind::kCancelled:
    case ErrorKind::kInternal: break;
  }
  return support::StatusCode::kInternal;
}

// A failure of `kind`; `aws_code` is the AWS error code when the reply
// carried one, e.g. "QueueDoesNotExist".
inline Status make_error(ErrorKind kind, std::string message, std::string aws_code = {}) {
  return Status(status_code_of(kind), std::move(message)).with_detail(kind).with_tag(std::move(aws_code));
}

// The kind of a failed `status`; a failure from outside the library (the
// support layer's config_error, say) reads as its StatusCode's nearest kind.
inline ErrorKind error_kind(const Status& status) {
  switch (status.code()) {
    case support::StatusCode::kConfig: return status.detail<ErrorKind>(ErrorKind::kConfig);
    case support::StatusCode::kUnavailable: return status.detail<ErrorKind>(ErrorKind::kNetwork);
    default: return status.detail<ErrorKind>(ErrorKind::kInternal);
  }
}

// Whether repeating the same request may succeed.
inline bool is_retryable(const Status& status) {
  const ErrorKind kind = error_kind(status);
  return kind == ErrorKind::kThrottled || kind == ErrorKind::kServer || kind == ErrorKind::kNetwork;
}

}  // namespace sluice::sqs
