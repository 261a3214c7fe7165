#include "flush_worker.h"

namespace sluice::postgres {

FlushWorker::FlushWorker() : thread_([this] { run(); }) {}

FlushWorker::~FlushWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void FlushWorker::start(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    job_ = std::move(job);
    busy_ = true;
  }
  changed_.notify_all();
}

void FlushWorker::wait() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !busy_; });
}

bool FlushWorker::idle() {
  std::lock_guard lock(mutex_);
  return !busy_;
}

bool FlushWorker::sleep(std::chrono::milliseconds delay) {
  std::unique_lock lock(mutex_);
  return !changed_.wait_for(lock, delay, [this] { return stopping_ || interrupted_; });
}

void FlushWorker::interrupt() {
  {
    std::lock_guard lock(mutex_);
    interrupted_ = true;
  }
  changed_.notify_all();
}

void FlushWorker::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || (busy_ && job_); });
    if (busy_ && job_) {
      std::function<void()> job = std::move(job_);
      job_ = nullptr;
      lock.unlock();
      job();
      lock.lock();
      busy_ = false;
      changed_.notify_all();
      continue;
    }
    if (stopping_) return;
  }
}

}  // namespace sluice::postgres
