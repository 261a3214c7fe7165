// Drives a pipeline: a source thread takes batches while the in-flight limit
// allows, a transform thread runs the chain, a sink thread writes and
// settles. Backpressure comes from the in-flight limit: a slow sink holds
// rows in flight, which stops the source from taking more.
#pragma once

#include <atomic>
#include <mutex>

#include "bounded_queue.h"
#include "health.h"
#include "in_flight.h"
#include "pipeline.h"
#include "sink_stage.h"

namespace sluice::core {

struct RunOptions {
  bool drain = false;  // stop once the source is empty and all is settled
};

class Runner {
 public:
  // `health` follows the run: running, then stopped or failed; the sink
  // stage reports its progress to it.
  Runner(Pipeline& pipeline, RunOptions options, Health& health);

  // Runs until the source ends (or is empty, with drain), a stop is
  // requested, or a step fails. Everything taken is settled before it
  // returns: acknowledged as done, dead-lettered, rejected, or failed.
  Status run();

  // Graceful stop (SIGINT/SIGTERM): take nothing more, settle the rest.
  void request_stop();
  // Second signal: give up on what is in flight (it is offered again).
  void request_abort();

 private:
  void source_loop();
  void transform_loop();
  void sink_loop();
  Status take_batch(int32_t timeout_ms, bool* empty, bool* ended);
  Status run_transforms(WorkItem& item);
  void fail(Status status);

  Pipeline& pipeline_;
  RunOptions options_;
  Health& health_;
  InFlightTable in_flight_;
  WorkQueue<WorkItem> to_transform_;
  WorkQueue<WorkItem> to_sink_;
  std::atomic<bool> stop_taking_{false};
  std::atomic<bool> aborted_{false};
  std::atomic<bool> interrupted_{false};  // the sinks were told to stop waiting
  std::atomic<bool> source_idle_{false};
  std::mutex failure_mutex_;
  Status failure_;
};

}  // namespace sluice::core
