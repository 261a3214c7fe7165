// Status and Result: how the core reports failures across its own module
// boundaries. Exit codes of the CLI follow from the code (SPEC §2).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace sluice::core {

enum class StatusCode {
  kOk,
  kUsage,      // bad command line
  kConfig,     // bad pipeline file or plugin configuration
  kPlugin,     // a plugin could not be loaded or refused its configuration
  kRuntime,    // the pipeline failed while running
};

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status Usage(std::string m) { return {StatusCode::kUsage, std::move(m)}; }
  static Status Config(std::string m) { return {StatusCode::kConfig, std::move(m)}; }
  static Status Plugin(std::string m) { return {StatusCode::kPlugin, std::move(m)}; }
  static Status Runtime(std::string m) { return {StatusCode::kRuntime, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // SPEC §2: 0 success, 1 runtime failure, 2 usage or configuration error.
  int exit_code() const {
    switch (code_) {
      case StatusCode::kOk: return 0;
      case StatusCode::kRuntime: return 1;
      default: return 2;
    }
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  T& operator*() { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace sluice::core

#define SLUICE_RETURN_IF_ERROR(expr)        \
  do {                                      \
    ::sluice::core::Status _st = (expr);    \
    if (!_st.ok()) return _st;              \
  } while (0)
