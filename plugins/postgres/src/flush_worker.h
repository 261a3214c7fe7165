// A thread that runs one flush at a time, so that the server writes one
// batch while the sink's caller converts the next: without it the pipeline
// would wait for every COMMIT. The caller hands over a job when the worker
// is idle and learns the outcome later; the job's results are read only
// after wait() or when idle() says it is done.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace sluice::postgres {

class FlushWorker {
 public:
  FlushWorker();
  // Asks a running job to stop retrying (see sleep) and joins the thread.
  ~FlushWorker();
  FlushWorker(const FlushWorker&) = delete;
  FlushWorker& operator=(const FlushWorker&) = delete;

  // Starts `job` on the worker thread. The worker must be idle.
  void start(std::function<void()> job);
  // Blocks until the current job, if any, has finished.
  void wait();
  bool idle();

  // For jobs and the caller: sleeps `delay` unless the worker is being
  // destroyed or was interrupted; returns false when it is (give up).
  bool sleep(std::chrono::milliseconds delay);
  // Ends the current sleep and every later one at once: the host is
  // stopping. Never blocks for long; callable from any thread.
  void interrupt();

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::function<void()> job_;
  bool busy_ = false;
  bool stopping_ = false;
  bool interrupted_ = false;  // sleeps return at once
  std::thread thread_;
};

}  // namespace sluice::postgres
