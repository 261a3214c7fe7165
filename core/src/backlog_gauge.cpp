#include "backlog_gauge.h"

#include "metrics.h"

namespace sluice::core {

BacklogGauge::BacklogGauge(BacklogProbe backlog, std::chrono::milliseconds period)
    : backlog_(std::move(backlog)), period_(period), thread_([this] { Loop(); }) {}

BacklogGauge::~BacklogGauge() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void BacklogGauge::Loop() {
  std::unique_lock lock(mutex_);
  do {
    lock.unlock();
    // The source answers from a figure it refreshes in the background: the
    // first ask starts that, a later one exports it.
    if (std::optional<int64_t> waiting = backlog_()) {
      Metrics::Instance().Set("source_backlog", {}, static_cast<double>(*waiting));
    }
    lock.lock();
  } while (!wake_.wait_for(lock, period_, [this] { return stopping_; }));
}

}  // namespace sluice::core
