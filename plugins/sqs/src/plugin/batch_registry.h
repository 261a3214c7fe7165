// Which messages each batch handed to the host holds, until the host
// acknowledges it. register_batch() runs in next() and settle() in ack(),
// which the host may call at the same time: every member locks.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "consumer.h"

namespace sluice::sqs {

class BatchRegistry {
 public:
  // Returns the batch id, unique among batches not yet acknowledged.
  std::uint64_t register_batch(std::vector<std::string> receipt_handles);
  // What to do with each row of batch `batch_id`, given the host's
  // SLUICE_ROW_* outcomes; throws sluice::InternalError for an unknown
  // batch or a row count that does not match.
  std::vector<Settlement> settle(std::uint64_t batch_id, std::span<const std::int8_t> outcomes);
  std::size_t open_batches() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::uint64_t, std::vector<std::string>> batches_;
  std::uint64_t next_id_ = 1;
};

// SLUICE_ROW_DONE and _DEAD_LETTERED delete, _REJECTED leaves the message to
// the redrive policy, _FAILED (and anything unknown) releases it.
Disposition disposition_of(std::int8_t outcome);

}  // namespace sluice::sqs
