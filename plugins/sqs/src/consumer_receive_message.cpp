// The consumer's receiving side: ReceiveMessage long polls, kept in flight
// up to `concurrency` (as the pacer allows) while prefetched messages leave
// room, and what they bring held in the ledger until take() hands it out.
#include "consumer.h"

#include <algorithm>

namespace sluice::sqs {

std::size_t Consumer::prefetched() const {
  std::lock_guard lock(mutex_);
  return ready_.size();
}

// A release still queued or in flight could bring a message back that an
// empty receive sent now would miss.
bool Consumer::releases_pending() const {
  if (!releases_.empty() || release_calls_in_flight_ > 0) return true;
  std::lock_guard lock(mutex_);
  return !inbox_.empty();
}

void Consumer::send_receive_messages(Clock::time_point now) {
  auto per_receive = static_cast<std::size_t>(std::max(settings_.receive.max_messages, 1));
  auto allowed = pacer_.allowed_in_flight(settings_.concurrency, now);
  while (!stop_receiving_ && receives_in_flight_ < allowed &&
         prefetched() + (receives_in_flight_ + 1) * per_receive <= settings_.max_prefetched) {
    ++receives_in_flight_;
    auto sent_at = clock_();
    bool clean_start = !releases_pending();
    sqs_->receive(settings_.receive, [this, sent_at, clean_start](Result<std::vector<Message>> received) {
      on_receive_message(std::move(received), sent_at, clean_start);
    });
  }
}

void Consumer::on_receive_message(Result<std::vector<Message>> received, Clock::time_point sent_at,
                                  bool clean_start) {
  --receives_in_flight_;
  if (!received.ok()) {
    if (error_kind(received.status()) != ErrorKind::kCancelled) fail(received.status());
    return;
  }
  pacer_.on_reply(received->empty(), sent_at, clock_());
  if (received->empty()) {
    if (clean_start) {
      {
        std::lock_guard lock(mutex_);
        last_empty_receive_sent_ = std::max(last_empty_receive_sent_.value_or(sent_at), sent_at);
      }
      messages_ready_.notify_all();
    }
    return;
  }
  // A message's visibility timeout may start as soon as the receive reaches
  // SQS (a long poll holds what it found until it answers): count from then.
  auto fresh = hold_fresh(std::move(*received), sent_at);
  count("messages_received", static_cast<double>(fresh.size()));
  if (close_deadline_) {
    // Closing: nobody will take these; offer them to other consumers now.
    for (auto& message : fresh) {
      ledger_.remove(message.receipt_handle);
      releases_.push(std::move(message.receipt_handle), std::move(message.message_id));
    }
    return;
  }
  {
    std::lock_guard lock(mutex_);
    ready_.insert(ready_.end(), std::make_move_iterator(fresh.begin()), std::make_move_iterator(fresh.end()));
  }
  messages_ready_.notify_all();
}

// Holds what a receive brought, except a message whose receipt handle is
// already held: SQS never hands out one handle twice, so that is a server
// (or proxy) fault worth a warning, and the copy is not handed out again.
std::vector<Message> Consumer::hold_fresh(std::vector<Message> received, Clock::time_point sent_at) {
  std::vector<Message> fresh;
  fresh.reserve(received.size());
  for (auto& message : received) {
    if (!ledger_.add(message.receipt_handle, message.message_id, sent_at)) {
      const auto* held_id = ledger_.message_id(message.receipt_handle);
      log(support::LogLevel::kWarn, "received message " + message.message_id +
                                        " with the receipt handle of message " + (held_id ? *held_id : "?") +
                                        ", which is still held; ignoring the copy");
      continue;
    }
    fresh.push_back(std::move(message));
  }
  return fresh;
}

// When paced receives may go again, if they are waiting for nothing else:
// a receive in flight wakes the loop when it answers, and a hold already
// over must not count (the loop would spin while prefetch is full).
std::optional<Consumer::Clock::time_point> Consumer::receives_held_until(Clock::time_point now) const {
  auto until = pacer_.held_until();
  if (!until || *until <= now || receives_in_flight_ > 0 || stop_receiving_) return std::nullopt;
  return until;
}

}  // namespace sluice::sqs
