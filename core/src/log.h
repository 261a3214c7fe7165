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
bool parse_log_threshold(std::string_view text, LogThreshold* out);
bool parse_log_format(std::string_view text, LogFormat* out);

void configure_log(LogThreshold threshold, LogFormat format);
bool log_enabled(LogLevel level);
bool log_is_json();

// `component` is a step name or a part of the host ("host", "loader").
void log(LogLevel level, std::string_view component, std::string_view message);

inline void log_info(std::string_view c, std::string_view m) { log(LogLevel::kInfo, c, m); }
inline void log_warn(std::string_view c, std::string_view m) { log(LogLevel::kWarn, c, m); }
inline void log_error(std::string_view c, std::string_view m) { log(LogLevel::kError, c, m); }
inline void log_debug(std::string_view c, std::string_view m) { log(LogLevel::kDebug, c, m); }

// A status line under the log (the progress line of `sluice run` on a
// terminal): drawn in place at the bottom of stderr, moved out of the way
// of every log line and drawn again after it. Empty text removes it.
void show_status_line(std::string_view text);

// One log line, newline included, as `format` writes it. In JSON every
// string is written by support::append_json_string, so a line is valid JSON
// whatever bytes a plugin logged (invalid UTF-8 becomes U+FFFD).
std::string format_log_line(LogFormat format, std::string_view timestamp, LogLevel level,
                            std::string_view component, std::string_view message);

}  // namespace sluice::core
