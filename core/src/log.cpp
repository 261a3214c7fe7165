#include "log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace sluice::core {
namespace {

std::atomic<LogLevel> g_level{LogLevel::kInfo};
std::atomic<LogFormat> g_format{LogFormat::kText};
std::mutex g_write_mutex;
std::string g_status_line;  // guarded by g_write_mutex

// Carriage return, then "erase to the end of the line" (ANSI/VT100).
constexpr std::string_view kEraseLine = "\r\x1b[K";

constexpr const char* kLevelNames[] = {"trace", "debug", "info", "warn", "error", "off"};

std::string Timestamp() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

}  // namespace

bool ParseLogLevel(std::string_view text, LogLevel* out) {
  for (int i = 0; i <= static_cast<int>(LogLevel::kOff); ++i) {
    if (text == kLevelNames[i]) {
      *out = static_cast<LogLevel>(i);
      return true;
    }
  }
  if (text == "warning") {
    *out = LogLevel::kWarn;
    return true;
  }
  return false;
}

bool ParseLogFormat(std::string_view text, LogFormat* out) {
  if (text == "text") *out = LogFormat::kText;
  else if (text == "json") *out = LogFormat::kJson;
  else return false;
  return true;
}

void ConfigureLog(LogLevel level, LogFormat format) {
  g_level = level;
  g_format = format;
}

bool LogEnabled(LogLevel level) { return level >= g_level.load() && level != LogLevel::kOff; }

bool LogIsJson() { return g_format.load() == LogFormat::kJson; }

std::string JsonEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

void Log(LogLevel level, std::string_view component, std::string_view message) {
  if (!LogEnabled(level)) return;
  const char* level_name = kLevelNames[static_cast<int>(level)];
  std::string line;
  if (g_format.load() == LogFormat::kJson) {
    line = "{\"ts\":\"" + Timestamp() + "\",\"level\":\"" + level_name + "\",\"component\":\"" +
           JsonEscape(component) + "\",\"msg\":\"" + JsonEscape(message) + "\"}\n";
  } else {
    line = Timestamp() + " " + level_name + " [" + std::string(component) + "] " +
           std::string(message) + "\n";
  }
  std::lock_guard lock(g_write_mutex);
  if (!g_status_line.empty()) line = std::string(kEraseLine) + line + g_status_line;
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

void ShowStatusLine(std::string_view text) {
  std::lock_guard lock(g_write_mutex);
  if (text.empty() && g_status_line.empty()) return;
  g_status_line = text;
  std::string out = std::string(kEraseLine) + g_status_line;
  std::fwrite(out.data(), 1, out.size(), stderr);
  std::fflush(stderr);
}

}  // namespace sluice::core
