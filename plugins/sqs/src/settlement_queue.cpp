#include "settlement_queue.h"

namespace sluice::sqs {

void SettlementQueue::push(std::string receipt_handle, std::string message_id) {
  fresh_.push_back(PendingSettlement{std::move(receipt_handle), std::move(message_id), 0, {}});
}

std::vector<PendingSettlement> SettlementQueue::take_batch(Clock::time_point now) {
  std::vector<PendingSettlement> batch;
  while (batch.size() < kMaxBatchEntries && !retries_.empty() && retries_.begin()->first <= now) {
    batch.push_back(std::move(retries_.begin()->second));
    retries_.erase(retries_.begin());
  }
  while (batch.size() < kMaxBatchEntries && !fresh_.empty()) {
    batch.push_back(std::move(fresh_.front()));
    fresh_.pop_front();
  }
  return batch;
}

std::vector<PendingSettlement> SettlementQueue::retry_later(std::vector<PendingSettlement> failed,
                                                            Clock::time_point now) {
  std::vector<PendingSettlement> given_up;
  for (auto& entry : failed) {
    if (!retry_.allows_retry(entry.failures)) {
      given_up.push_back(std::move(entry));
      continue;
    }
    entry.not_before = now + backoff_.delay(entry.failures);
    ++entry.failures;
    retries_.emplace(entry.not_before, std::move(entry));
  }
  return given_up;
}

std::optional<SettlementQueue::Clock::time_point> SettlementQueue::next_ready() const {
  if (!fresh_.empty()) return Clock::time_point{};
  if (retries_.empty()) return std::nullopt;
  return retries_.begin()->first;
}

}  // namespace sluice::sqs
