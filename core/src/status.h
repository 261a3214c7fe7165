// How the core reports failures: support::Status / Result<T>, carrying the
// core's own ErrorKind as the detail. The CLI's exit code (SPEC §2) is a
// function of that kind, so every layer between a failure and main() only
// propagates (SLUICE_TRY / SLUICE_ASSIGN_OR_RETURN).
#pragma once

#include <string>
#include <utility>

#include <sluice/support/status.hpp>

namespace sluice::core {

using support::Result;
using support::Status;

enum class ErrorKind {
  kUsage = 1,  // bad command line
  kConfig,     // bad pipeline file or plugin configuration
  kPlugin,     // a plugin could not be loaded or refused its configuration
  kRuntime,    // the pipeline failed while running
};

inline Status usage_error(std::string message) {
  return Status(support::StatusCode::kConfig, std::move(message)).with_detail(ErrorKind::kUsage);
}
inline Status config_error(std::string message) {
  return Status(support::StatusCode::kConfig, std::move(message)).with_detail(ErrorKind::kConfig);
}
inline Status plugin_error(std::string message) {
  return Status(support::StatusCode::kConfig, std::move(message)).with_detail(ErrorKind::kPlugin);
}
inline Status runtime_error(std::string message) {
  return Status(support::StatusCode::kUnavailable, std::move(message)).with_detail(ErrorKind::kRuntime);
}

// The core's kind of a failed status. A status from a support helper carries
// no kind: a configuration code counts as a config error, anything else as a
// runtime failure.
inline ErrorKind kind_of(const Status& status) {
  const ErrorKind fallback =
      status.code() == support::StatusCode::kConfig ? ErrorKind::kConfig : ErrorKind::kRuntime;
  return status.detail<ErrorKind>(fallback);
}

// The same failure, kind and code kept, told with another message.
inline Status with_message(const Status& status, std::string message) {
  return Status(status.code(), std::move(message)).with_detail(kind_of(status));
}

// SPEC §2: 0 success, 1 runtime failure, 2 usage, configuration or plugin error.
inline int exit_code(const Status& status) {
  if (status.ok()) return 0;
  return kind_of(status) == ErrorKind::kRuntime ? 1 : 2;
}

}  // namespace sluice::core
