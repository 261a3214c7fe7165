#include "sink_stage.h"

#include <chrono>

#include "log.h"
#include "metrics.h"

namespace sluice::core {
namespace {

int64_t now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void count_rejection(const Rejection& r) { Metrics::instance().count_rejection(r.step, r.reason); }

void observe_latency(const InFlightBatch& batch) {
  auto since_received = std::chrono::steady_clock::now() - batch.received_at;
  Metrics::instance().observe_latency(std::chrono::duration<double>(since_received).count());
}

std::string row_name(const Rejection& r) {
  if (std::optional<std::string_view> id = r.batch->message_ids.at(r.row))
    return "message " + std::string(*id);
  return "row " + std::to_string(r.row);
}

}  // namespace

SinkStage::SinkStage(InFlightTable& table, PluginInstance& sink, PluginInstance* dead_letter, Health& health)
    : table_(table), sink_(sink), dead_letter_(dead_letter), health_(health) {
  sink_reporter_ = {sizeof(sluice_sink_reporter), this, on_sink_reject, on_sink_committed};
  dead_letter_reporter_ = {sizeof(sluice_sink_reporter), this, on_dead_letter_reject,
                           on_dead_letter_committed};
}

Status SinkStage::write(WorkItem item) {
  SLUICE_TRY(dead_letter(std::move(item.rejections)));
  if (item.rows.length() == 0) return Status();
  uint64_t write_id = next_write_id_++;
  int64_t rows = item.rows.length();
  sink_writes_[write_id] = {item.batch, std::move(item.origin), std::vector<char>(rows, 0)};
  health_.handed(sink_.step_name());
  sluice_error err{sizeof(sluice_error), {0}};
  sluice_status status = sink_.plugin().sink->write(sink_.handle(), item.rows.schema(), item.rows.array(),
                                                    write_id, &sink_reporter_, &err);
  if (status != SLUICE_OK) return plugin_call_failed(sink_, "write", status, err);
  return dead_letter_sink_rejects();
}

Status SinkStage::flush(bool force) {
  sluice_error err{sizeof(sluice_error), {0}};
  sluice_status status = sink_.plugin().sink->flush(sink_.handle(), force ? 1 : 0, &sink_reporter_, &err);
  if (status != SLUICE_OK) return plugin_call_failed(sink_, "flush", status, err);
  SLUICE_TRY(dead_letter_sink_rejects());
  if (dead_letter_ == nullptr) return Status();
  status =
      dead_letter_->plugin().sink->flush(dead_letter_->handle(), force ? 1 : 0, &dead_letter_reporter_, &err);
  if (status != SLUICE_OK) return plugin_call_failed(*dead_letter_, "flush", status, err);
  return Status();
}

Status SinkStage::dead_letter_sink_rejects() {
  if (sink_rejects_.empty()) return Status();
  return dead_letter(std::exchange(sink_rejects_, {}));
}

void SinkStage::settle_rejected_without_dead_letter(const Rejection& r) {
  // SPEC §6: without a dead-letter sink the message stays in the source
  // (for its redrive policy); say so, naming the message, never its data.
  log_warn(r.step, "rejected " + row_name(r) + ": " + r.reason + "; no dead_letter sink, left in the source");
  table_.settle(r.batch, r.row, SLUICE_ROW_REJECTED);
}

Status SinkStage::dead_letter(std::vector<Rejection> rejections) {
  if (rejections.empty()) return Status();
  for (const Rejection& r : rejections) count_rejection(r);
  if (dead_letter_ == nullptr) {
    for (const Rejection& r : rejections) settle_rejected_without_dead_letter(r);
    return Status();
  }
  std::vector<DeadLetterRow> rows;
  std::vector<DeadLetterEntry> entries;
  int64_t now = now_micros();
  for (Rejection& r : rejections) {
    const InFlightBatch& b = *r.batch;
    DeadLetterRow row{r.step, r.reason, std::nullopt, std::nullopt, now};
    if (std::optional<std::string_view> id = b.message_ids.at(r.row)) row.message_id = std::string(*id);
    if (std::optional<std::string_view> body = b.bodies.at(r.row)) row.body = std::string(*body);
    log_debug(r.step, "dead-lettering " + row_name(r) + ": " + r.reason);
    rows.push_back(std::move(row));
    entries.push_back({std::move(r.batch), r.row});
  }
  uint64_t write_id = next_dead_letter_id_++;
  dead_letter_writes_[write_id] = std::move(entries);
  health_.handed(dead_letter_->step_name());
  ArrowBatch batch = make_dead_letter_batch(rows);
  sluice_error err{sizeof(sluice_error), {0}};
  sluice_status status = dead_letter_->plugin().sink->write(
      dead_letter_->handle(), batch.schema(), batch.array(), write_id, &dead_letter_reporter_, &err);
  if (status != SLUICE_OK) return plugin_call_failed(*dead_letter_, "write", status, err);
  return Status();
}

void SinkStage::on_sink_reject(void* ctx, uint64_t write_id, int64_t row, const char* reason) {
  auto* self = static_cast<SinkStage*>(ctx);
  auto it = self->sink_writes_.find(write_id);
  if (it == self->sink_writes_.end() || row < 0 || row >= static_cast<int64_t>(it->second.origin.size())) {
    log_error("host", self->sink_.describe() + " rejected an unknown row; ignored");
    return;
  }
  PendingWrite& write = it->second;
  if (write.rejected[row]) return;
  write.rejected[row] = 1;
  self->sink_rejects_.push_back(
      {write.batch, write.origin[row], self->sink_.step_name(), reason ? reason : "rejected"});
}

void SinkStage::on_sink_committed(void* ctx, uint64_t write_id) {
  auto* self = static_cast<SinkStage*>(ctx);
  auto it = self->sink_writes_.find(write_id);
  if (it == self->sink_writes_.end()) return;
  PendingWrite write = std::move(it->second);
  self->sink_writes_.erase(it);
  self->health_.committed(self->sink_.step_name(), !self->sink_writes_.empty());
  observe_latency(*write.batch);
  int64_t committed = 0;
  for (size_t i = 0; i < write.origin.size(); ++i) {
    if (write.rejected[i]) continue;
    self->table_.settle(write.batch, write.origin[i], SLUICE_ROW_DONE);
    ++committed;
  }
  Metrics::instance().add("rows_committed_total", {}, static_cast<double>(committed));
}

void SinkStage::on_dead_letter_reject(void* ctx, uint64_t write_id, int64_t row, const char* reason) {
  auto* self = static_cast<SinkStage*>(ctx);
  auto it = self->dead_letter_writes_.find(write_id);
  if (it == self->dead_letter_writes_.end() || row < 0 || row >= static_cast<int64_t>(it->second.size()))
    return;
  DeadLetterEntry& entry = it->second[row];
  log_error(self->dead_letter_->step_name(), std::string("the dead-letter sink refused a row: ") +
                                                 (reason ? reason : "") + "; left in the source");
  self->table_.settle(entry.batch, entry.row, SLUICE_ROW_REJECTED);
}

void SinkStage::on_dead_letter_committed(void* ctx, uint64_t write_id) {
  auto* self = static_cast<SinkStage*>(ctx);
  auto it = self->dead_letter_writes_.find(write_id);
  if (it == self->dead_letter_writes_.end()) return;
  std::vector<DeadLetterEntry> entries = std::move(it->second);
  self->dead_letter_writes_.erase(it);
  self->health_.committed(self->dead_letter_->step_name(), !self->dead_letter_writes_.empty());
  for (const DeadLetterEntry& e : entries) self->table_.settle(e.batch, e.row, SLUICE_ROW_DEAD_LETTERED);
  Metrics::instance().add("rows_dead_lettered_total", {}, static_cast<double>(entries.size()));
}

}  // namespace sluice::core
