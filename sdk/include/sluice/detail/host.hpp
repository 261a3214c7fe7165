// sluice/detail/host.hpp — what the host offers a plugin instance: logging
// under the step's name, pipeline/step names, the drain flag, counters.
#ifndef SLUICE_DETAIL_HOST_HPP
#define SLUICE_DETAIL_HOST_HPP

#include <sluice/plugin.h>
#include <sluice/support/log.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace sluice {

// One set of severities for the ABI, the SDK and plugin cores.
using LogLevel = support::LogLevel;
static_assert(static_cast<int32_t>(LogLevel::kTrace) == SLUICE_LOG_TRACE &&
              static_cast<int32_t>(LogLevel::kDebug) == SLUICE_LOG_DEBUG &&
              static_cast<int32_t>(LogLevel::kInfo) == SLUICE_LOG_INFO &&
              static_cast<int32_t>(LogLevel::kWarn) == SLUICE_LOG_WARN &&
              static_cast<int32_t>(LogLevel::kError) == SLUICE_LOG_ERROR);

// A thin, copyable handle on the host. A default-constructed Host (as in
// unit tests) drops logs and counts. Messages name fields, never values.
class Host {
 public:
  Host() = default;
  explicit Host(const sluice_host* host) : host_(host) {}

  void log(LogLevel level, std::string_view message) const {
    if (host_ == nullptr || host_->log == nullptr) return;
    const std::string text(message);  // the ABI wants NUL-terminated text
    host_->log(host_->ctx, static_cast<int32_t>(level), text.c_str());
  }
  void trace(std::string_view m) const { log(LogLevel::kTrace, m); }
  void debug(std::string_view m) const { log(LogLevel::kDebug, m); }
  void info(std::string_view m) const { log(LogLevel::kInfo, m); }
  void warn(std::string_view m) const { log(LogLevel::kWarn, m); }
  void error(std::string_view m) const { log(LogLevel::kError, m); }

  std::string_view pipeline_name() const { return host_ && host_->pipeline_name ? host_->pipeline_name : ""; }
  std::string_view step_name() const { return host_ && host_->step_name ? host_->step_name : ""; }
  // True when the host runs with --drain (stops once the source is empty).
  bool draining() const { return host_ != nullptr && host_->drain != 0; }

  // Adds `value` to this step's counter `name` when the host exports
  // counters.
  void count(const char* name, double value = 1) const {
    if (host_ == nullptr || !SLUICE_HAS_FIELD(host_, sluice_host, count) || host_->count == nullptr) {
      return;
    }
    host_->count(host_->ctx, name, value);
  }

  const sluice_host* raw() const noexcept { return host_; }

 private:
  const sluice_host* host_ = nullptr;
};

}  // namespace sluice

#endif  // SLUICE_DETAIL_HOST_HPP
