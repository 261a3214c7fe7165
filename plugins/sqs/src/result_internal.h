// Error and Result: how the SQS library reports failures. Nothing here throws
// across a module boundary; the plugin glue turns an Error into a status code.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace sluice::sqs {

// What went wrong, in the terms a caller acts on: retry, fix the
// configuration, or give up.
enum class ErrorKind {
  kConfig,        // bad option or environment; retrying cannot help
  kAuth,          // AWS refused the credentials or the signature
  kQueueMissing,  // the queue URL names no queue
  kThrottled,     // AWS asked us to slow down
  kServer,        // a 5xx reply
  kNetwork,       // no HTTP reply at all (DNS, connect, reset, timeout)
  kRejected,      // any other 4xx reply: the request itself was refused
  kMalformed,     // a reply we could not parse
  kCancelled,     // we abandoned the request ourselves (shutdown)
  kCredentialsExpired,  // temporary credentials ran out and no refresh replaced them
  kInternal,      // a bug
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;
  // The AWS error code when the reply carried one, e.g. "QueueDoesNotExist".
  std::string aws_code;

  bool retryable() const {
    return kind == ErrorKind::kThrottled || kind == ErrorKind::kServer || kind == ErrorKind::kNetwork;
  }
};

inline Error make_error(ErrorKind kind, std::string message, std::string aws_code = {}) {
  return Error{kind, std::move(message), std::move(aws_code)};
}

// A value or an Error (std::expected arrives only with C++23).
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }
  const T& operator*() const { return *value_; }
  T& operator*() { return *value_; }

  const Error& error() const { return error_; }

 private:
  std::optional<T> value_;
  Error error_;
};

// Result<void>: success or an Error.
class Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  static Status success() { return {}; }
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace sluice::sqs
