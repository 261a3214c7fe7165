// The SQS calls the consumer makes, asynchronously: each call returns at
// once and its completion runs later inside poll(), on the thread that
// drives the operations. The real implementation is SqsClient; tests use
// an in-memory queue.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "error_kind.h"
#include "sqs_model.h"

namespace sluice::sqs {

template <typename T>
using Completion = std::function<void(Result<T>)>;

class SqsOperations {
 public:
  virtual ~SqsOperations() = default;

  virtual void receive(const ReceiveRequest& request, Completion<std::vector<Message>> done) = 0;
  // At most kMaxBatchEntries entries each.
  virtual void delete_batch(std::vector<BatchEntry> entries, Completion<BatchResult> done) = 0;
  virtual void change_visibility_batch(std::vector<BatchEntry> entries, Completion<BatchResult> done) = 0;
  virtual void get_queue_attributes(std::vector<std::string> names, Completion<QueueAttributes> done) = 0;

  // Abandons receives in flight (shutdown); their completions run with
  // kCancelled at the next poll().
  virtual void cancel_receives() = 0;
  // Moves calls forward for at most `max_wait` and runs due completions.
  virtual void poll(std::chrono::milliseconds max_wait) = 0;
  // Makes a blocked poll() return now. The only thread-safe member.
  virtual void wake() = 0;
  // True when no call is in flight or waiting to be retried.
  virtual bool idle() const = 0;
};

// Runs one GetQueueAttributes to completion on the calling thread: used at
// start-up to check the queue and credentials before anything else.
Result<QueueAttributes> fetch_queue_attributes(SqsOperations& operations, std::vector<std::string> names);

}  // namespace sluice::sqs
