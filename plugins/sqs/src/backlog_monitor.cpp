#include "backlog_monitor.h"

namespace sluice::sqs {

BacklogMonitor::BacklogMonitor(Ask ask, std::chrono::milliseconds period)
    : ask_(std::move(ask)), period_(period) {}

BacklogMonitor::~BacklogMonitor() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::optional<std::int64_t> BacklogMonitor::latest() {
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable() && !stopping_) thread_ = std::thread([this] { run(); });
  }
  std::int64_t value = latest_.load();
  if (value == kUnknown) return std::nullopt;
  return value;
}

void BacklogMonitor::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    std::optional<std::int64_t> answer = ask_();
    // A failed question keeps the last figure: the line shows it a little
    // longer rather than flickering.
    if (answer && *answer >= 0) latest_.store(*answer);
    lock.lock();
    wake_.wait_for(lock, period_, [this] { return stopping_; });
  }
}

}  // namespace sluice::sqs
