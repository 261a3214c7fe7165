#include "settlement_queue_internal.h"

#include <algorithm>

namespace sluice::sqs {

void SettlementQueue::push(std::string receipt_handle, std::string message_id) {
  pending_.push_back(PendingSettlement{std::move(receipt_handle), std::move(message_id), 0, {}});
}

std::vector<PendingSettlement> SettlementQueue::take_batch(Clock::time_point now) {
  std::vector<PendingSettlement> batch;
  for (auto it = pending_.begin(); it != pending_.end() && batch.size() < kMaxBatchEntries;) {
    if (it->not_before > now) {
      ++it;
      continue;
    }
    batch.push_back(std::move(*it));
    it = pending_.erase(it);
  }
  return batch;
}

std::vector<PendingSettlement> SettlementQueue::retry_later(std::vector<PendingSettlement> failed,
                                                            Clock::time_point now) {
  std::vector<PendingSettlement> given_up;
  for (auto& entry : failed) {
    if (!backoff_.allows_retry(entry.failures)) {
      given_up.push_back(std::move(entry));
      continue;
    }
    entry.not_before = now + backoff_.delay(entry.failures);
    ++entry.failures;
    pending_.push_back(std::move(entry));
  }
  return given_up;
}

std::optional<SettlementQueue::Clock::time_point> SettlementQueue::next_ready() const {
  if (pending_.empty()) return std::nullopt;
  return std::min_element(pending_.begin(), pending_.end(),
                          [](const auto& a, const auto& b) { return a.not_before < b.not_before; })
      ->not_before;
}

}  // namespace sluice::sqs
