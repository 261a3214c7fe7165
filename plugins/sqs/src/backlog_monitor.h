// Keeps an up-to-date figure of the messages waiting in the queue
// (ApproximateNumberOfMessages) for the host's progress line, which asks
// about once a second and must get an answer at once. The first question
// starts a thread that asks SQS every `period`; a pipeline whose progress
// line is off never sends a single extra request.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace sluice::sqs {

class BacklogMonitor {
 public:
  // Asks SQS once, on the monitor's thread; nullopt when it could not tell.
  using Ask = std::function<std::optional<std::int64_t>()>;

  BacklogMonitor(Ask ask, std::chrono::milliseconds period);
  ~BacklogMonitor();
  BacklogMonitor(const BacklogMonitor&) = delete;
  BacklogMonitor& operator=(const BacklogMonitor&) = delete;

  // The latest figure, or nullopt until the first answer.
  std::optional<std::int64_t> latest();

 private:
  void run();

  Ask ask_;
  std::chrono::milliseconds period_;
  static constexpr std::int64_t kUnknown = -1;
  std::atomic<std::int64_t> latest_{kUnknown};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // started by the first latest()
};

}  // namespace sluice::sqs
