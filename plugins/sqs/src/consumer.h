// The consumer engine, independent of the plugin ABI. A background thread
// keeps `concurrency` long-poll receives in flight, holds what they bring
// until take() hands it out, extends the visibility timeout of every
// message still held before it runs out, and carries out settlements:
// delete (DeleteMessageBatch), release (visibility 0, so it is offered
// again soon) or abandon (stop extending and let the queue's redrive
// policy see it again after its timeout).
//
// take() and settle() may be called from different threads at once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <sluice/support/log.hpp>

#include "error_kind.h"
#include "in_flight_ledger.h"
#include "receive_pacer.h"
#include "settlement_queue.h"
#include "sqs_operations.h"

namespace sluice::sqs {

enum class Disposition {
  kDelete,   // committed or dead-lettered: remove from the queue
  kRelease,  // not delivered: make it visible again now
  kAbandon,  // rejected with nowhere to put it: leave it to the redrive policy
};

struct Settlement {
  std::string receipt_handle;
  Disposition disposition = Disposition::kDelete;
};

struct ConsumerSettings {
  ReceiveRequest receive;
  int concurrency = 1;
  // The timeout in force for received messages (the receive's own, or the
  // queue's): extensions renew it for as long again.
  std::chrono::seconds visibility_timeout{30};
  // Report when the queue is found empty (TakeResult::kQueueEmpty).
  bool drain = false;
  // Messages received but not yet taken; 0 means 2 * concurrency * max_messages.
  std::size_t max_prefetched = 0;
  // How long close() may spend finishing deletes and releases.
  std::chrono::milliseconds close_timeout{10000};
  // Retries of failed deletes and releases, on top of the client's own.
  CountedRetries settlement_retry{4, std::chrono::milliseconds(200), std::chrono::milliseconds(5000)};
};

struct TakeResult {
  enum class Kind {
    kMessages,    // `messages` holds at least one
    kTimedOut,    // nothing within the timeout
    kQueueEmpty,  // draining: a receive asked after take() began came back empty
    kFailed,      // receiving failed for good: `error` says why
    kClosed,      // close() was called
  };
  Kind kind = Kind::kTimedOut;
  std::vector<Message> messages;
  Status error;
};

// "1 message", "3 messages": counts in log lines.
std::string plural(std::size_t n, const char* noun);

// Its parts live in one file each: consumer.cpp (take, settle, close, the
// loop), consumer_receive_message.cpp (ReceiveMessage and prefetch),
// consumer_visibility_extension.cpp (ChangeMessageVisibilityBatch to keep
// held messages hidden) and consumer_settlement.cpp (DeleteMessageBatch, and
// ChangeMessageVisibilityBatch to 0 for releases).
class Consumer {
 public:
  using Clock = std::chrono::steady_clock;
  using ClockSource = std::function<Clock::time_point()>;

  // Starts the background thread. `clock` is replaceable for tests.
  Consumer(
      std::unique_ptr<SqsOperations> sqs, ConsumerSettings settings, support::Logger logger,
      support::Counter counter = {}, ClockSource clock = [] { return Clock::now(); });
  // close()s.
  ~Consumer();

  Consumer(const Consumer&) = delete;
  Consumer& operator=(const Consumer&) = delete;

  // Waits up to `timeout` for messages and hands out at most `max_messages`.
  // When draining it also returns, with kQueueEmpty, once a receive sent
  // after this call began came back empty while no release was pending:
  // evidence that nothing is left to take right now.
  TakeResult take(std::size_t max_messages, std::chrono::milliseconds timeout);
  // Queues settlements of taken messages; unknown receipt handles are ignored.
  void settle(std::vector<Settlement> settlements);
  // Stops receiving, releases messages received but never taken, finishes
  // queued settlements (bounded by close_timeout) and stops the thread.
  void close();

 private:
  void run();
  void loop_once();
  bool finished(Clock::time_point now) const;
  void begin_closing(Clock::time_point now);
  void cancel_receives_if_due(Clock::time_point now);
  void apply_settlements(std::vector<Settlement> settlements);
  void send_receive_messages(Clock::time_point now);
  void on_receive_message(Result<std::vector<Message>> received, Clock::time_point started_at,
                          bool clean_start);
  std::vector<Message> hold_fresh(std::vector<Message> received, Clock::time_point sent_at);
  bool releases_pending() const;
  void send_visibility_extensions(Clock::time_point now);
  void on_visibility_extended(const std::vector<BatchEntry>& batch, Clock::time_point sent_at,
                              Result<BatchResult> result);
  int max_settlement_calls() const;
  void send_settlement_batches(Clock::time_point now);
  void send_delete_or_release_batch(SqsAction action, std::vector<PendingSettlement> batch);
  void on_delete_or_release_batch(SqsAction action, std::vector<PendingSettlement> batch,
                                  Result<BatchResult> result);
  void give_up(SqsAction action, const std::vector<PendingSettlement>& entries, const std::string& why);
  std::chrono::milliseconds wait_budget(Clock::time_point now) const;
  std::optional<Clock::time_point> receives_held_until(Clock::time_point now) const;
  void fail(Status error);
  void log(support::LogLevel level, const std::string& message) const;
  void count(const char* name, double amount) const;
  std::size_t prefetched() const;

  std::unique_ptr<SqsOperations> sqs_;
  ConsumerSettings settings_;
  support::Logger logger_;
  support::Counter counter_;
  ClockSource clock_;

  // Owned by the background thread.
  InFlightLedger ledger_;
  ReceivePacer pacer_;
  SettlementQueue deletes_;
  SettlementQueue releases_;
  int receives_in_flight_ = 0;
  int settlement_calls_in_flight_ = 0;
  int release_calls_in_flight_ = 0;
  bool stop_receiving_ = false;
  std::optional<Clock::time_point> close_deadline_;
  // Closing lets receives already sent answer until then (their messages
  // are hidden by SQS: only an answer lets us release them), then cancels
  // what is still long-polling.
  std::optional<Clock::time_point> receives_cancel_at_;

  // Shared with take(), settle() and close(), under mutex_.
  mutable std::mutex mutex_;
  std::condition_variable messages_ready_;
  std::deque<Message> ready_;
  std::vector<Settlement> inbox_;
  std::optional<Status> failure_;
  bool closing_ = false;
  // When the latest receive that came back empty, with no release pending
  // at the time, was sent.
  std::optional<Clock::time_point> last_empty_receive_sent_;

  std::thread thread_;
};

}  // namespace sluice::sqs
