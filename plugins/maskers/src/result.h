// Status and Result<T>: how every fallible call in the maskers library
// reports failure. The reason is meant for a user and must never contain the
// value being masked (name fields and rules, not data).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace sluice::maskers {

struct Error {
  std::string reason;
};

inline Error fail(std::string reason) { return Error{std::move(reason)}; }

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error.reason)) {}  // NOLINT: implicit by design

  static Status success() { return Status(); }

  bool ok() const { return !error_.has_value(); }
  const std::string& reason() const { return *error_; }

 private:
  std::optional<std::string> error_;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}     // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  const std::string& reason() const { return std::get<Error>(state_).reason; }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }


 private:
  std::variant<T, Error> state_;
};

}  // namespace sluice::maskers
