// Messages waiting for one batch call (DeleteMessageBatch, or
// ChangeMessageVisibilityBatch to 0), grouped ten at a time. Entries that
// fail come back with a backoff, and are dropped after a number of tries
// (the message then reappears after its visibility timeout: at-least-once).
// Fresh entries wait in arrival order, retries by the time they may go
// again, so that taking a batch or asking when the next one is ready never
// looks at entries that are not ready.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "counted_retries.h"
#include "sqs_model.h"

namespace sluice::sqs {

struct PendingSettlement {
  std::string receipt_handle;
  std::string message_id;  // for logs
  int failures = 0;
  std::chrono::steady_clock::time_point not_before{};
};

class SettlementQueue {
 public:
  using Clock = std::chrono::steady_clock;

  explicit SettlementQueue(CountedRetries retry) : retry_(retry), backoff_(retry.backoff()) {}

  void push(std::string receipt_handle, std::string message_id);
  // Up to kMaxBatchEntries entries ready at `now`: retries whose backoff is
  // over first, then fresh entries in arrival order.
  std::vector<PendingSettlement> take_batch(Clock::time_point now);
  // Puts failed entries back with a backoff; returns those that have failed
  // too often and are given up.
  std::vector<PendingSettlement> retry_later(std::vector<PendingSettlement> failed, Clock::time_point now);

  bool empty() const { return fresh_.empty() && retries_.empty(); }
  std::size_t size() const { return fresh_.size() + retries_.size(); }
  std::optional<Clock::time_point> next_ready() const;

 private:
  CountedRetries retry_;
  support::EqualJitterBackoff backoff_;
  std::deque<PendingSettlement> fresh_;                          // ready at once
  std::multimap<Clock::time_point, PendingSettlement> retries_;  // by not_before
};

}  // namespace sluice::sqs
