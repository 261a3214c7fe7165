// The reference consumer's loop: receive up to 10, delete them in one batch,
// again, on each of N threads.
#pragma once

#include <atomic>
#include <chrono>

#include "reference_options.h"

namespace sqs_reference {

struct DrainTotals {
  long long deleted = 0;
  long long failed_requests = 0;
  bool gave_up = false;                               // a worker stopped after too many failures in a row
  std::chrono::duration<double> until_last_delete{};  // from Drain()'s start
};

// Runs options.concurrency workers until the queue stays empty (or
// options.expected messages are deleted) and returns what they did.
DrainTotals drain(const ReferenceOptions& options);

}  // namespace sqs_reference
