// One queue's messages, as SQS keeps them: visible ones in arrival order,
// received ones hidden until their visibility timeout ends (then visible
// again, with one more receive counted), deleted ones gone. Every
// operation costs O(1) or O(log n) per message whatever the number in
// flight: a FIFO of visible messages and an index of in-flight ones by the
// time they reappear. Time is passed in, so tests need neither sleeps nor
// sockets. Thread-safe: one mutex per queue.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sqs_server {

using Clock = std::chrono::steady_clock;

struct ReceivedMessage {
  std::string message_id;
  std::string receipt_handle;
  std::string body;
  std::string body_md5;
  std::int64_t sent_timestamp_ms = 0;
  std::uint32_t receive_count = 0;
};

enum class HandleVerdict {
  kDone,         // applied (a delete of a message already gone counts, as in SQS)
  kInvalid,      // not a handle of this queue: ReceiptHandleIsInvalid
  kNotInFlight,  // a change of visibility for a message not in flight, or with a stale handle
};

class Queue {
 public:
  Queue(std::string name, std::uint64_t tag, std::chrono::seconds visibility_timeout);

  const std::string& name() const { return name_; }
  std::chrono::seconds visibility_timeout() const { return visibility_timeout_; }

  // Returns the new message's id.
  std::string send(std::string body, std::int64_t sent_timestamp_ms);
  // Up to `max` visible messages, hidden for `visibility` from `now`.
  std::vector<ReceivedMessage> receive(std::size_t max, std::chrono::seconds visibility,
                                       Clock::time_point now);
  HandleVerdict remove(std::string_view receipt_handle);
  HandleVerdict change_visibility(std::string_view receipt_handle, std::chrono::seconds timeout,
                                  Clock::time_point now);

  struct Counts {
    std::size_t visible = 0;
    std::size_t in_flight = 0;
  };
  Counts counts(Clock::time_point now);
  // When an in-flight message will next become visible, if any is in flight.
  std::optional<Clock::time_point> next_reappearance() const;

  // `wake` is called once (from whichever thread makes it so) when messages
  // may have become visible through a send or a release; until then the id
  // can be used to forget it.
  std::uint64_t add_waiter(std::function<void()> wake);
  void remove_waiter(std::uint64_t id);

  // Instrumentation: stored messages looked at, for the cost tests.
  std::uint64_t entries_visited() const;

 private:
  struct Stored {
    std::string id;
    std::string body;
    std::string body_md5;
    std::int64_t sent_timestamp_ms = 0;
    std::uint32_t receive_count = 0;
    bool in_flight = false;
    bool queued = false;  // has an entry in visible_
    Clock::time_point visible_at{};
  };

  void expire_in_flight(Clock::time_point now);
  void make_visible(std::uint64_t sequence, Stored& stored);
  Stored* find_current(const std::optional<std::uint64_t>& sequence);
  std::optional<std::uint64_t> own_sequence(std::string_view receipt_handle, std::uint32_t* receive) const;
  void wake_waiters(std::unique_lock<std::mutex>& lock);

  const std::string name_;
  const std::uint64_t tag_;
  const std::chrono::seconds visibility_timeout_;

  mutable std::mutex mutex_;
  std::uint64_t next_sequence_ = 1;
  std::unordered_map<std::uint64_t, Stored> messages_;
  std::deque<std::uint64_t> visible_;  // may hold sequences deleted since: skipped when reached
  std::set<std::pair<Clock::time_point, std::uint64_t>> in_flight_;
  std::size_t visible_count_ = 0;
  std::map<std::uint64_t, std::function<void()>> waiters_;
  std::uint64_t next_waiter_ = 1;
  std::uint64_t entries_visited_ = 0;
};

}  // namespace sqs_server
