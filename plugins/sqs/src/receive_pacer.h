// Keeps receives from spinning on an endpoint that answers "nothing" at
// once (wait_time_seconds 0, or a server that does not long-poll): after
// such a reply only one receive is sent at a time, each no sooner than a
// delay that doubles, from kMinDelay to kMaxDelay, while replies stay
// empty. A reply with messages, or an empty one that took a real long poll
// to come, lifts the restriction. A long poll that is honoured cannot spin,
// so an idle queue then costs no more than it did.
#pragma once

#include <chrono>
#include <optional>

namespace sluice::sqs {

class ReceivePacer {
 public:
  using Clock = std::chrono::steady_clock;

  static constexpr std::chrono::milliseconds kMinDelay{50};
  static constexpr std::chrono::milliseconds kMaxDelay{1000};
  // An empty reply quicker than this did not wait for messages.
  static constexpr std::chrono::milliseconds kQuickReply{500};

  // A receive sent at `sent_at` answered at `now`, with messages or not.
  void on_reply(bool empty, Clock::time_point sent_at, Clock::time_point now);

  // How many receives may be in flight at `now`, out of `concurrency`.
  int allowed_in_flight(int concurrency, Clock::time_point now) const;
  // When pacing holds receives back, the time it lets the next one go.
  std::optional<Clock::time_point> held_until() const;
  bool pacing() const { return quick_empty_replies_ > 0; }

 private:
  int quick_empty_replies_ = 0;  // in a row
  Clock::time_point hold_until_{};
};

}  // namespace sluice::sqs
