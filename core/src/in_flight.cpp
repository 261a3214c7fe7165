#include "in_flight.h"

#include <algorithm>

#include "log.h"
#include "metrics.h"

namespace sluice::core {

BatchRef InFlightTable::register_batch(uint64_t source_batch_id, int64_t rows) {
  auto batch = std::make_shared<InFlightBatch>();
  batch->source_batch_id = source_batch_id;
  batch->outcomes.assign(rows, kRowPending);
  batch->pending = rows;
  batch->received_at = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  batch->key = next_key_++;
  batches_[batch->key] = batch;
  rows_ += rows;
  largest_batch_ = std::max(largest_batch_, rows);
  Metrics::instance().set("in_flight_rows", {}, static_cast<double>(rows_));
  return batch;
}

void InFlightTable::acknowledge_empty(uint64_t source_batch_id) {
  InFlightBatch batch;
  batch.source_batch_id = source_batch_id;
  acknowledge(batch);
}

void InFlightTable::settle(const BatchRef& batch, int64_t row, int8_t outcome) {
  {
    std::lock_guard lock(mutex_);
    if (row < 0 || row >= static_cast<int64_t>(batch->outcomes.size())) return;
    if (batch->outcomes[row] != kRowPending) return;
    batch->outcomes[row] = outcome;
    if (--batch->pending > 0) return;
    batches_.erase(batch->key);
    rows_ -= static_cast<int64_t>(batch->outcomes.size());
    Metrics::instance().set("in_flight_rows", {}, static_cast<double>(rows_));
  }
  acknowledge(*batch);
  room_.notify_all();
}

void InFlightTable::settle_all(int8_t outcome) {
  std::vector<BatchRef> all;
  {
    std::lock_guard lock(mutex_);
    for (auto& [key, batch] : batches_) all.push_back(batch);
  }
  for (const BatchRef& batch : all) {
    for (int64_t row = 0; row < static_cast<int64_t>(batch->outcomes.size()); ++row)
      settle(batch, row, outcome);
  }
}

bool InFlightTable::has_room_for(int64_t rows) const {
  std::lock_guard lock(mutex_);
  return has_room_for_locked(rows);
}

bool InFlightTable::has_room_for_locked(int64_t rows) const {
  return rows_ == 0 || rows_ + rows <= max_rows_;
}

bool InFlightTable::wait_for_room(const std::atomic<bool>& stop, std::optional<int64_t> rows) {
  std::unique_lock lock(mutex_);
  while (!has_room_for_locked(rows.value_or(largest_batch_)) && !stop.load()) {
    blocked_ = true;
    room_.wait_for(lock, std::chrono::milliseconds(100));
  }
  blocked_ = false;
  return !stop.load();
}

int64_t InFlightTable::rows() const {
  std::lock_guard lock(mutex_);
  return rows_;
}

size_t InFlightTable::batches() const {
  std::lock_guard lock(mutex_);
  return batches_.size();
}

void InFlightTable::acknowledge(const InFlightBatch& batch) {
  sluice_error err{sizeof(sluice_error), {0}};
  const sluice_plugin& plugin = source_.plugin();
  std::lock_guard lock(ack_mutex_);
  sluice_status status = plugin.source->ack(source_.handle(), batch.source_batch_id, batch.outcomes.data(),
                                            static_cast<int64_t>(batch.outcomes.size()), &err);
  if (status != SLUICE_OK) log_error("host", plugin_call_failed(source_, "ack", status, err).message());
  auto& metrics = Metrics::instance();
  metrics.add("acknowledgements_total", {}, 1);
  int64_t counts[4] = {0, 0, 0, 0};
  for (int8_t outcome : batch.outcomes) {
    if (outcome >= 0 && outcome < 4) ++counts[outcome];
  }
  static const char* kOutcomeNames[4] = {"done", "dead_lettered", "rejected", "failed"};
  for (int i = 0; i < 4; ++i) {
    if (counts[i] > 0)
      metrics.add("rows_acknowledged_total", {{"status", kOutcomeNames[i]}}, static_cast<double>(counts[i]));
  }
}

}  // namespace sluice::core
