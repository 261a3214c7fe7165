// Runs a function every `period` on a thread of its own until destroyed:
// the host's background refreshes (the progress line, the backlog gauge).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace sluice::core {

class PeriodicTask {
 public:
  enum class Start { kAtOnce, kAfterOnePeriod };

  PeriodicTask(std::chrono::milliseconds period, Start start, std::function<void()> task);
  // Waits for a run under way, then stops.
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void loop(Start start);

  std::chrono::milliseconds period_;
  std::function<void()> task_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once everything above is ready
};

}  // namespace sluice::core
