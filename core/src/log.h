// The host's logger: one line per event on stderr, as text or JSON.
// Messages name fields and counts, never data values (they may be PII).
#pragma once

#include <string>
#include <string_view>

namespace sluice::core {

enum class LogLevel { kTrace = 0, kDebug, kInfo, kWarn, kError, kOff };
enum class LogFormat { kText, kJson };

bool ParseLogLevel(std::string_view text, LogLevel* out);
bool ParseLogFormat(std::string_view text, LogFormat* out);

void ConfigureLog(LogLevel level, LogFormat format);
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

// Escapes `text` as the contents of a JSON string (no surrounding quotes).
std::string JsonEscape(std::string_view text);

}  // namespace sluice::core
