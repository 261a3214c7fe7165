// The consumer's settlements: DeleteMessageBatch for messages the pipeline
// committed, ChangeMessageVisibilityBatch to 0 for messages it releases,
// ten at a time, with failed entries retried after a backoff and given up
// at last (the message then comes back after its visibility timeout).
#include "consumer.h"

#include <algorithm>
#include <charconv>

namespace sluice::sqs {
namespace {

// Batch calls (deletes, releases) in flight at once, at least; more wait
// their turn. Deletes must keep up with `concurrency` receives of up to 10
// messages each, so the limit grows with it (a distant queue needs both).
constexpr int kMinSettlementCalls = 8;

// Batch entry ids are the entries' positions ("0".."9").
std::optional<std::size_t> entry_index(const std::string& id, std::size_t batch_size) {
  std::size_t index = 0;
  auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), index);
  if (id.empty() || ec != std::errc() || end != id.data() + id.size() || index >= batch_size)
    return std::nullopt;
  return index;
}

bool is_delete(SqsAction action) { return action == SqsAction::kDeleteMessageBatch; }

}  // namespace

void Consumer::apply_settlements(std::vector<Settlement> settlements) {
  for (auto& settlement : settlements) {
    const auto* id = ledger_.message_id(settlement.receipt_handle);
    if (id == nullptr) {
      log(support::LogLevel::kDebug, "ignoring a settlement for a message no longer held");
      continue;
    }
    auto message_id = *id;
    ledger_.remove(settlement.receipt_handle);
    switch (settlement.disposition) {
      case Disposition::kDelete:
        deletes_.push(std::move(settlement.receipt_handle), std::move(message_id));
        break;
      case Disposition::kRelease:
        releases_.push(std::move(settlement.receipt_handle), std::move(message_id));
        break;
      case Disposition::kAbandon: count("messages_left_for_redrive", 1); break;
    }
  }
}

int Consumer::max_settlement_calls() const { return std::max(kMinSettlementCalls, settings_.concurrency); }

void Consumer::send_settlement_batches(Clock::time_point now) {
  for (auto* queue : {&deletes_, &releases_}) {
    auto action =
        queue == &deletes_ ? SqsAction::kDeleteMessageBatch : SqsAction::kChangeMessageVisibilityBatch;
    while (settlement_calls_in_flight_ < max_settlement_calls()) {
      auto batch = queue->take_batch(now);
      if (batch.empty()) break;
      send_delete_or_release_batch(action, std::move(batch));
    }
  }
}

void Consumer::send_delete_or_release_batch(SqsAction action, std::vector<PendingSettlement> batch) {
  std::vector<BatchEntry> entries;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    entries.push_back(BatchEntry{std::to_string(i), batch[i].receipt_handle, 0});
  }
  ++settlement_calls_in_flight_;
  if (!is_delete(action)) ++release_calls_in_flight_;
  auto done = [this, action, batch = std::move(batch)](Result<BatchResult> result) mutable {
    on_delete_or_release_batch(action, std::move(batch), std::move(result));
  };
  if (is_delete(action)) {
    sqs_->delete_batch(std::move(entries), std::move(done));
  } else {
    sqs_->change_visibility_batch(std::move(entries), std::move(done));
  }
}

void Consumer::on_delete_or_release_batch(SqsAction action, std::vector<PendingSettlement> batch,
                                          Result<BatchResult> result) {
  --settlement_calls_in_flight_;
  if (!is_delete(action)) --release_calls_in_flight_;
  auto& queue = is_delete(action) ? deletes_ : releases_;
  if (!result.ok()) {
    if (!is_retryable(result.status())) return give_up(action, batch, result.status().message());
    log(support::LogLevel::kWarn,
        std::string(action_name(action)) + " failed, will retry: " + result.status().message());
    give_up(action, queue.retry_later(std::move(batch), clock_()), result.status().message());
    return;
  }
  count(is_delete(action) ? "messages_deleted" : "messages_released",
        static_cast<double>(result->succeeded_ids.size()));
  std::vector<PendingSettlement> retry;
  for (const auto& failure : result->failed) {
    auto index = entry_index(failure.id, batch.size());
    if (!index) continue;
    if (failure.sender_fault) {
      give_up(action, {batch[*index]}, failure.code);
    } else {
      retry.push_back(std::move(batch[*index]));
    }
  }
  give_up(action, queue.retry_later(std::move(retry), clock_()), "failed too often");
}

void Consumer::give_up(SqsAction action, const std::vector<PendingSettlement>& entries,
                       const std::string& why) {
  if (entries.empty()) return;
  count("settlement_failures", static_cast<double>(entries.size()));
  for (const auto& entry : entries) {
    log(support::LogLevel::kWarn, std::string(is_delete(action) ? "could not delete" : "could not release") +
                                      " message " + entry.message_id + " (" + why +
                                      "); it will be delivered again after its visibility timeout");
  }
}

}  // namespace sluice::sqs
