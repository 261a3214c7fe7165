// The messages we hold (received and neither deleted nor released), keyed
// by receipt handle, with when each becomes visible again. It decides when
// a message's visibility timeout must be extended: once less than half of
// it is left, so that a slow sink never lets a message reappear.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sqs_model_internal.h"

namespace sluice::sqs {

class InFlightLedger {
 public:
  using Clock = std::chrono::steady_clock;

  // SQS keeps a message invisible for at most 12 hours after it was
  // received, however often the timeout is extended.
  static constexpr std::chrono::hours kMaxInvisibility{12};

  explicit InFlightLedger(std::chrono::seconds visibility_timeout);

  void add(const std::string& receipt_handle, const std::string& message_id, Clock::time_point received_at);
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

 private:
  struct Held {
    std::string message_id;
    Clock::time_point received_at;
    Clock::time_point visible_at;
    Clock::time_point not_before;  // after a failed extension
    bool extending = false;
    bool abandoned = false;  // extension no longer possible
  };

  Clock::time_point due_at(const Held& held) const;
  int next_timeout_seconds(const Held& held, Clock::time_point now) const;

  std::chrono::seconds visibility_timeout_;
  std::map<std::string, Held> messages_;
};

}  // namespace sluice::sqs
