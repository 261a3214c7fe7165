// sluice/support/status.hpp: Status and Result<T>, the one way Sluice code
// reports a failure without throwing.
//
// A Status is OK or carries a StatusCode (what a caller can do about it:
// these are the categories of the C ABI's sluice_status), a message for a
// user, and an optional detail: a library's own error code (an enum, stored
// as its integer) and a short tag (e.g. the AWS error code). Libraries keep
// their domain codes local and read them back with `detail<Enum>()`.
//
// Messages name fields and rules, never the data being processed.
#ifndef SLUICE_SUPPORT_STATUS_HPP
#define SLUICE_SUPPORT_STATUS_HPP

#include <cassert>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace sluice::support {

enum class StatusCode {
  kOk,
  kConfig,       // the configuration or the input is wrong; retrying cannot help
  kUnavailable,  // a dependency failed in a way that may pass
  kUnsupported,  // the operation is not offered
  kInternal,     // a bug, or input that breaks a contract
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status success() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // The library's own error code, or `fallback` when none was attached.
  template <class Enum>
  Enum detail(Enum fallback = Enum{}) const {
    static_assert(std::is_enum_v<Enum>);
    return has_detail_ ? static_cast<Enum>(detail_) : fallback;
  }
  bool has_detail() const { return has_detail_; }
  const std::string& tag() const { return tag_; }

  // Copies with a detail attached: Status(...).with_detail(Kind::kX).with_tag("Code").
  template <class Enum>
  Status with_detail(Enum code) && {
    static_assert(std::is_enum_v<Enum>);
    detail_ = static_cast<long long>(code);
    has_detail_ = true;
    return std::move(*this);
  }
  Status with_tag(std::string tag) && {
    tag_ = std::move(tag);
    return std::move(*this);
  }
  // The same failure with `context` in front of the message: "context: message".
  Status with_context(const std::string& context) const& {
    Status copy = *this;
    copy.message_ = context + ": " + message_;
    return copy;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  long long detail_ = 0;
  bool has_detail_ = false;
  std::string tag_;
};

inline Status config_error(std::string message) { return {StatusCode::kConfig, std::move(message)}; }
inline Status unavailable_error(std::string message) {
  return {StatusCode::kUnavailable, std::move(message)};
}
inline Status unsupported_error(std::string message) {
  return {StatusCode::kUnsupported, std::move(message)};
}
inline Status internal_error(std::string message) { return {StatusCode::kInternal, std::move(message)}; }

// A value, or the Status saying why there is none (std::expected is C++23).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!status_.ok() && "a Result without a value needs a failed Status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const& { return status_; }
  Status status() && { return std::move(status_); }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

namespace detail {
inline Status status_of(Status status) { return status; }
template <class T>
Status status_of(Result<T>&& result) { return std::move(result).status(); }
template <class T>
Status status_of(const Result<T>& result) { return result.status(); }
}  // namespace detail

}  // namespace sluice::support

#define SLUICE_SUPPORT_CONCAT_INNER(a, b) a##b
#define SLUICE_SUPPORT_CONCAT(a, b) SLUICE_SUPPORT_CONCAT_INNER(a, b)

// Returns the failure of `expr` (a Status or a Result) from the enclosing
// function, which returns a Status or a Result.
#define SLUICE_TRY(expr)                                                     \
  do {                                                                       \
    auto&& sluice_try_value_ = (expr);                                       \
    if (!sluice_try_value_.ok()) {                                           \
      return ::sluice::support::detail::status_of(                           \
          std::forward<decltype(sluice_try_value_)>(sluice_try_value_));     \
    }                                                                        \
  } while (false)

// `lhs = value of rexpr`, or returns its failure: SLUICE_ASSIGN_OR_RETURN(auto x, parse(t));
#define SLUICE_ASSIGN_OR_RETURN(lhs, rexpr) \
  SLUICE_ASSIGN_OR_RETURN_IMPL(SLUICE_SUPPORT_CONCAT(sluice_result_, __LINE__), lhs, rexpr)
// `lhs` is a declaration or an lvalue, and `result` a fresh name: neither
// can be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define SLUICE_ASSIGN_OR_RETURN_IMPL(result, lhs, rexpr) \
  auto result = (rexpr);                                 \
  if (!result.ok()) return std::move(result).status();   \
  lhs = std::move(result).value()
// NOLINTEND(bugprone-macro-parentheses)

#endif  // SLUICE_SUPPORT_STATUS_HPP
