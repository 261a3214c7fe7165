#include "log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include <sluice/support/json_text.hpp>

namespace sluice::core {
namespace {

// The threshold's level as a number; kOff (above every level) when off.
constexpr int kOff = static_cast<int>(LogLevel::kError) + 1;
std::atomic<int> g_threshold{static_cast<int>(LogLevel::kInfo)};
std::atomic<LogFormat> g_format{LogFormat::kText};
std::mutex g_write_mutex;
std::string g_status_line;  // guarded by g_write_mutex

// Carriage return, then "erase to the end of the line" (ANSI/VT100).
constexpr std::string_view kEraseLine = "\r\x1b[K";

std::string timestamp() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

}  // namespace

bool parse_log_threshold(std::string_view text, LogThreshold* out) {
  if (text == "off") {
    *out = std::nullopt;
    return true;
  }
  std::optional<LogLevel> level = support::parse_log_level(text);
  if (level) *out = *level;
  return level.has_value();
}

bool parse_log_format(std::string_view text, LogFormat* out) {
  if (text == "text")
    *out = LogFormat::kText;
  else if (text == "json")
    *out = LogFormat::kJson;
  else
    return false;
  return true;
}

void configure_log(LogThreshold threshold, LogFormat format) {
  g_threshold = threshold ? static_cast<int>(*threshold) : kOff;
  g_format = format;
}

bool log_enabled(LogLevel level) { return static_cast<int>(level) >= g_threshold.load(); }

bool log_is_json() { return g_format.load() == LogFormat::kJson; }

std::string format_log_line(LogFormat format, std::string_view timestamp, LogLevel level,
                            std::string_view component, std::string_view message) {
  const std::string_view level_name = support::log_level_name(level);
  std::string line;
  if (format == LogFormat::kJson) {
    line.reserve(64 + component.size() + message.size());
    line += "{\"ts\":";
    support::append_json_string(line, timestamp);
    line += ",\"level\":";
    support::append_json_string(line, level_name);
    line += ",\"component\":";
    support::append_json_string(line, component);
    line += ",\"msg\":";
    support::append_json_string(line, message);
    line += "}\n";
  } else {
    line.append(timestamp).append(" ").append(level_name).append(" [").append(component).append("] ");
    line.append(message).append("\n");
  }
  return line;
}

void log(LogLevel level, std::string_view component, std::string_view message) {
  if (!log_enabled(level)) return;
  std::string line = format_log_line(g_format.load(), timestamp(), level, component, message);
  std::lock_guard lock(g_write_mutex);
  if (!g_status_line.empty()) line = std::string(kEraseLine) + line + g_status_line;
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

void show_status_line(std::string_view text) {
  std::lock_guard lock(g_write_mutex);
  if (text.empty() && g_status_line.empty()) return;
  g_status_line = text;
  std::string out = std::string(kEraseLine) + g_status_line;
  std::fwrite(out.data(), 1, out.size(), stderr);
  std::fflush(stderr);
}

}  // namespace sluice::core
