// The host's logger: one line per event on stderr, as text or JSON.
// Messages name fields and counts, never data values (they may be PII).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <sluice/support/log.hpp>

namespace sluice::core {

using support::LogLevel;
enum class LogFormat { kText, kJson };

// The lowest level written, or nullopt for no log at all (`--log-level off`).
using LogThreshold = std::optional<LogLevel>;

// A level as support::parse_log_level reads it, or "off"; false for anything else.
bool ParseLogThreshold(std::string_view text, LogThreshold* out);
bool ParseLogFormat(std::string_view text, LogFormat* out);

void ConfigureLog(LogThreshold threshold, LogFormat format);
bool LogEnabled(LogLevel level);
bool LogIsJson();

// `component` is a step name or a part of the host ("host", "loader").
void Log(LogLevel level, std::string_view component, std::string_view message);

inline void LogInfo(std::string_view c, std::string_view m) { Log(LogLevel::kInfo, c, m); }
inline void LogWarn(std::string_view c, std::string_view m) { Log(LogLevel::kWarn, c, m); }
inline void LogError(std::string_view c, std::string_view m) { Log(LogLevel::kError, c, m); }
inline void LogDebug(std::string_view c, std::string_view m) { Log(LogLevel::kDebug, c, m); }

// A status line under the log (the progress line of `sluice run` on a
// terminal): drawn in place at the bottom of stderr, moved out of the way
// of every log line and drawn again after it. Empty text removes it.
void ShowStatusLine(std::string_view text);

// One log line, newline included, as `format` writes it. In JSON every
// string is written by support::append_json_string, so a line is valid JSON
// whatever bytes a plugin logged (invalid UTF-8 becomes U+FFFD).
std::string FormatLogLine(LogFormat format, std::string_view timestamp, LogLevel level,
                          std::string_view component, std::string_view message);

}  // namespace sluice::core
