// sluice/support/log.hpp: the severities every part of Sluice logs at, and
// the callbacks through which a plugin's SDK-free core logs and counts
// without knowing the host. The values are the C ABI's SLUICE_LOG_* numbers.
#ifndef SLUICE_SUPPORT_LOG_HPP
#define SLUICE_SUPPORT_LOG_HPP

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::support {

enum class LogLevel : std::int32_t {
  kTrace = 0,
  kDebug = 1,
  kInfo = 2,
  kWarn = 3,
  kError = 4,
  // The spellings of sluice::LogLevel in SDK 0.1, kept so that plugins
  // written against it build unchanged (the C++ layer is source-stable
  // within a major). NOLINTBEGIN(readability-identifier-naming)
  trace = kTrace,
  debug = kDebug,
  info = kInfo,
  warn = kWarn,
  error = kError,
  // NOLINTEND(readability-identifier-naming)
};

// "trace", "debug", "info", "warn", "error".
inline std::string_view log_level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace: return "trace";
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarn: return "warn";
    case LogLevel::kError: return "error";
  }
  return "unknown";
}

// The level `name` spells (as log_level_name writes it; "warning" too).
inline std::optional<LogLevel> parse_log_level(std::string_view name) {
  for (LogLevel level : {LogLevel::kTrace, LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError}) {
    if (name == log_level_name(level)) return level;
  }
  if (name == "warning") return LogLevel::kWarn;
  return std::nullopt;
}

// Writes one log line; must be callable from any thread. Messages never
// carry the data being processed or a secret.
using Logger = std::function<void(LogLevel level, const std::string& message)>;

// Adds `amount` to the counter `name` (snake_case); must be callable from any thread.
using Counter = std::function<void(const char* name, double amount)>;

}  // namespace sluice::support

#endif  // SLUICE_SUPPORT_LOG_HPP
