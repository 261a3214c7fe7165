// A sluice_host that records log lines and counters, for plugin tests.
#pragma once

#include <sluice/plugin.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace sluice::standard::testing {

class FakeHost {
 public:
  FakeHost() {
    host_.struct_size = sizeof(sluice_host);
    host_.abi_minor = SLUICE_ABI_MINOR;
    host_.ctx = this;
    host_.log = &FakeHost::log;
    host_.pipeline_name = "test_pipeline";
    host_.step_name = "test_step";
    host_.drain = 1;
    host_.count = &FakeHost::count;
  }
  FakeHost(const FakeHost&) = delete;
  FakeHost& operator=(const FakeHost&) = delete;

  const sluice_host* get() const { return &host_; }
  std::vector<std::string> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }
  double counter(const std::string& name) const {
    std::lock_guard lock(mutex_);
    auto it = counters_.find(name);
    return it == counters_.end() ? 0 : it->second;
  }

 private:
  static void log(void* ctx, int32_t level, const char* message) {
    auto* self = static_cast<FakeHost*>(ctx);
    std::lock_guard lock(self->mutex_);
    self->lines_.push_back(std::to_string(level) + " " + message);
  }
  static void count(void* ctx, const char* name, double value) {
    auto* self = static_cast<FakeHost*>(ctx);
    std::lock_guard lock(self->mutex_);
    self->counters_[name] += value;
  }

  sluice_host host_{};
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
  std::map<std::string, double> counters_;
};

}  // namespace sluice::standard::testing
