#include "periodic_task.h"

namespace sluice::core {

PeriodicTask::PeriodicTask(std::chrono::milliseconds period, Start start, std::function<void()> task)
    : period_(period), task_(std::move(task)), thread_([this, start] { loop(start); }) {}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PeriodicTask::loop(Start start) {
  std::unique_lock lock(mutex_);
  auto stopping = [this] { return stopping_; };
  if (start == Start::kAfterOnePeriod && wake_.wait_for(lock, period_, stopping)) return;
  do {
    lock.unlock();
    task_();
    lock.lock();
  } while (!wake_.wait_for(lock, period_, stopping));
}

}  // namespace sluice::core
