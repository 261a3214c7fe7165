#include "runner.h"

#include <thread>

#include "log.h"
#include "metrics.h"
#include "transform_call.h"

namespace sluice::core {
namespace {

constexpr int32_t kSourceWaitMs = 200;
// How long the sink waits for more before committing what it holds.
constexpr auto kSinkIdle = std::chrono::milliseconds(50);
constexpr auto kPolicyFlushEvery = std::chrono::milliseconds(100);

}  // namespace

Runner::Runner(Pipeline& pipeline, RunOptions options, Health& health)
    : pipeline_(pipeline),
      options_(options),
      health_(health),
      in_flight_(*pipeline.source, pipeline.max_in_flight_rows) {}

void Runner::request_stop() {
  if (!stop_taking_.exchange(true))
    log_info("host", "stopping: taking no more input, settling what is in flight");
  in_flight_.wake();
  // A sink waiting out a retry backoff would hold the stop for minutes:
  // what it cannot commit without waiting is offered again instead.
  if (!interrupted_.exchange(true)) {
    pipeline_.sink->interrupt();
    if (pipeline_.dead_letter) pipeline_.dead_letter->interrupt();
  }
}

void Runner::request_abort() {
  aborted_ = true;
  fail(runtime_error("aborted by a second signal; unsettled messages are offered again"));
}

void Runner::fail(Status status) {
  {
    std::lock_guard lock(failure_mutex_);
    if (!failure_.ok()) return;
    failure_ = std::move(status);
  }
  health_.failed();
  log_error("host", failure_.message());
  stop_taking_ = true;
  in_flight_.wake();
  to_transform_.close();
  to_sink_.close();
}

Status Runner::run() {
  health_.running();
  std::thread source([this] { source_loop(); });
  std::thread transform([this] { transform_loop(); });
  sink_loop();
  source.join();
  transform.join();
  std::lock_guard lock(failure_mutex_);
  if (!failure_.ok()) {
    // Nothing unsettled may be lost: hand it back to the source as failed.
    for (auto& item : to_transform_.take_all()) (void)item;
    for (auto& item : to_sink_.take_all()) (void)item;
    in_flight_.settle_all(SLUICE_ROW_FAILED);
    return failure_;
  }
  if (in_flight_.batches() != 0) {
    in_flight_.settle_all(SLUICE_ROW_FAILED);
    health_.failed();
    return runtime_error("the sink did not report every write as committed; the rest is offered again");
  }
  health_.stopped();
  return Status();
}

Status Runner::take_batch(int32_t timeout_ms, bool* empty, bool* ended) {
  PluginInstance& source = *pipeline_.source;
  ArrowBatch batch;
  uint64_t batch_id = 0;
  sluice_error err{sizeof(sluice_error), {0}};
  sluice_status status = source.plugin().source->next(source.handle(), timeout_ms, batch.schema(),
                                                      batch.array(), &batch_id, &err);
  *empty = status == SLUICE_EMPTY;
  *ended = status == SLUICE_END;
  if (status == SLUICE_EMPTY || status == SLUICE_END) return Status();
  if (status != SLUICE_OK) return plugin_call_failed(source, "next", status, err);
  if (!batch.valid()) return runtime_error(source.describe() + ": next returned OK without a batch");
  int64_t rows = batch.length();
  if (rows == 0) {
    // "Nothing yet, and not exhausted" (a quiet pipe under --drain): settled
    // at once, and not an empty answer, so draining goes on.
    in_flight_.acknowledge_empty(batch_id);
    return Status();
  }
  Metrics::instance().add("rows_received_total", {}, static_cast<double>(rows));
  // The batch is taken; it enters only when it fits, so the limit holds
  // even when a batch is larger than those before it.
  in_flight_.wait_for_room(stop_taking_, rows);
  WorkItem item;
  item.batch = in_flight_.register_batch(batch_id, rows);
  item.batch->message_ids = RowTexts::copy(batch, "message_id");
  item.batch->bodies = RowTexts::copy(batch, "body");
  item.origin.resize(rows);
  for (int64_t i = 0; i < rows; ++i) item.origin[i] = i;
  item.rows = std::move(batch);
  to_transform_.push(std::move(item));
  return Status();
}

void Runner::source_loop() {
  while (!stop_taking_.load()) {
    if (!in_flight_.wait_for_room(stop_taking_)) break;
    // Drain ends on an empty answer asked for while nothing was in flight:
    // anything offered again by then would have been in that answer.
    bool idle_before = in_flight_.batches() == 0;
    bool empty = false, ended = false;
    Status status = take_batch(kSourceWaitMs, &empty, &ended);
    if (!status.ok()) {
      fail(status);
      break;
    }
    source_idle_ = empty || ended;
    if (ended) {
      log_info(pipeline_.source->step_name(), "source ended");
      break;
    }
    if (empty && options_.drain && idle_before) {
      log_info(pipeline_.source->step_name(), "source is empty and everything taken is settled");
      break;
    }
  }
  source_idle_ = true;
  to_transform_.close();
}

Status Runner::run_transforms(WorkItem& item) {
  for (auto& transform : pipeline_.transforms) {
    if (item.rows.length() == 0) break;
    SLUICE_ASSIGN_OR_RETURN(TransformResult result, call_transform(*transform, std::move(item.rows)));
    for (auto& [row, reason] : result.rejected) {
      item.rejections.push_back({item.batch, item.origin[row], transform->step_name(), std::move(reason)});
    }
    for (int64_t row : result.dropped) in_flight_.settle(item.batch, item.origin[row], SLUICE_ROW_DONE);
    std::vector<int64_t> origin;
    origin.reserve(result.kept.size());
    for (int64_t row : result.kept) origin.push_back(item.origin[row]);
    item.origin = std::move(origin);
    item.rows = std::move(result.rows);
  }
  return Status();
}

void Runner::transform_loop() {
  while (std::optional<WorkItem> item = to_transform_.pop()) {
    Status status = run_transforms(*item);
    if (!status.ok()) {
      fail(status);
      break;
    }
    to_sink_.push(std::move(*item));
  }
  to_sink_.close();
}

void Runner::sink_loop() {
  SinkStage stage(in_flight_, *pipeline_.sink, pipeline_.dead_letter.get(), health_);
  auto last_policy_flush = std::chrono::steady_clock::now();
  while (!aborted_.load()) {
    std::optional<WorkItem> item = to_sink_.pop_for(kSinkIdle);
    Status status;
    if (item) {
      status = stage.write(std::move(*item));
    } else if (to_sink_.closed_and_empty()) {
      break;
    } else if (stage.has_unflushed()) {
      // Nothing arrived for a while: commit what waits, so the source gets
      // its acknowledgements (and room) instead of waiting for a full batch.
      status = stage.flush(/*force=*/true);
    }
    auto now = std::chrono::steady_clock::now();
    if (status.ok() && now - last_policy_flush >= kPolicyFlushEvery) {
      last_policy_flush = now;
      status = stage.flush(/*force=*/in_flight_.blocked());
    }
    if (!status.ok()) {
      fail(status);
      return;
    }
  }
  if (aborted_.load()) return;
  bool failed;
  {
    std::lock_guard lock(failure_mutex_);
    failed = !failure_.ok();
  }
  if (failed) return;
  // Final flush: twice, because the sink's last flush may reject rows that
  // then go to the dead-letter sink.
  for (int round = 0; round < 2; ++round) {
    Status status = stage.flush(true);
    if (!status.ok()) {
      fail(status);
      return;
    }
  }
}

}  // namespace sluice::core
