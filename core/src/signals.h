// SIGINT/SIGTERM handling for `sluice run`: the first signal asks for a
// graceful stop, a second one aborts. Signals are blocked in every thread
// and taken by one watcher thread, so no plugin thread is interrupted.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace sluice::core {

class SignalWatcher {
 public:
  // Blocks SIGINT and SIGTERM in the calling thread (and every thread it
  // starts afterwards). Construct before creating any other thread.
  SignalWatcher(std::function<void()> on_first, std::function<void()> on_second);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

 private:
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace sluice::core
