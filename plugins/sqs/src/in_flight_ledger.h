// The messages we hold (received and neither deleted nor released), keyed
// by receipt handle, with when each becomes visible again. It decides when
// a message's visibility timeout must be extended: once less than half of
// it is left, so that a slow sink never lets a message reappear.
//
// Every operation costs O(1) or O(log n) in the number of messages held:
// a hash map finds a message by handle, and a second index ordered by the
// time each message's extension falls due lets the consumer find what is
// due (or when the next one is) without looking at anything else. The
// consumer asks on every turn of its loop, with up to hundreds of
// thousands of messages held.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sqs_model.h"

namespace sluice::sqs {

class InFlightLedger {
 public:
  using Clock = std::chrono::steady_clock;

  // SQS keeps a message invisible for at most 12 hours after it was
  // received, however often the timeout is extended.
  static constexpr std::chrono::hours kMaxInvisibility{12};

  explicit InFlightLedger(std::chrono::seconds visibility_timeout);

  InFlightLedger(const InFlightLedger&) = delete;
  InFlightLedger& operator=(const InFlightLedger&) = delete;

  // False (and nothing changes) when the handle is already held.
  bool add(const std::string& receipt_handle, const std::string& message_id, Clock::time_point received_at);
  // Forgets a message; false when it was not held.
  bool remove(const std::string& receipt_handle);
  bool contains(const std::string& receipt_handle) const;
  std::size_t size() const { return messages_.size(); }
  const std::string* message_id(const std::string& receipt_handle) const;

  // Up to `max` messages whose extension is due at `now`, as visibility
  // batch entries (ids unique within the batch), marked as being extended.
  std::vector<BatchEntry> take_due_extensions(Clock::time_point now, std::size_t max);
  // The extension sent at `sent_at` succeeded: visible until sent_at +
  // the timeout it asked for.
  void extension_succeeded(const std::string& receipt_handle, Clock::time_point sent_at, int timeout_seconds);
  // The extension failed. Retried after `retry_at` unless `give_up`
  // (the handle is no longer valid): then the message is left to expire.
  void extension_failed(const std::string& receipt_handle, Clock::time_point retry_at, bool give_up);
  // When take_due_extensions will next have something, if ever.
  std::optional<Clock::time_point> next_extension_due() const;

  // Instrumentation: how many held messages the due-time queries above
  // have looked at since construction. Tests use it to show that the cost
  // of a turn does not grow with the number of messages held.
  std::uint64_t entries_visited() const { return entries_visited_; }

 private:
  struct Held;
  // Messages waiting for their extension, by due time. A message being
  // extended, or abandoned, is not in it.
  using DueIndex = std::multimap<Clock::time_point, const std::string*>;

  struct Held {
    std::string message_id;
    Clock::time_point received_at;
    Clock::time_point visible_at;
    Clock::time_point not_before;                 // after a failed extension
    std::optional<DueIndex::iterator> scheduled;  // absent while extending or abandoned
  };
  using Messages = std::unordered_map<std::string, Held>;

  Clock::time_point due_at(const Held& held) const;
  int next_timeout_seconds(const Held& held, Clock::time_point now) const;
  void schedule(Messages::iterator it);
  void unschedule(Held& held);

  std::chrono::seconds visibility_timeout_;
  Messages messages_;
  DueIndex due_;
  mutable std::uint64_t entries_visited_ = 0;
};

}  // namespace sluice::sqs
