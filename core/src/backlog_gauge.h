// Exports the source's backlog (messages waiting, when the source can tell:
// sluice_source_ops.backlog) as the gauge sluice_source_backlog, asked
// every few seconds while the metrics server runs.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace sluice::core {

class BacklogGauge {
 public:
  using BacklogProbe = std::function<std::optional<int64_t>()>;

  explicit BacklogGauge(BacklogProbe backlog, std::chrono::milliseconds period = std::chrono::seconds(5));
  ~BacklogGauge();
  BacklogGauge(const BacklogGauge&) = delete;
  BacklogGauge& operator=(const BacklogGauge&) = delete;

 private:
  void Loop();

  BacklogProbe backlog_;
  std::chrono::milliseconds period_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sluice::core
