#include "receive_pacer.h"

#include <algorithm>

namespace sluice::sqs {

void ReceivePacer::on_reply(bool empty, Clock::time_point sent_at, Clock::time_point now) {
  if (!empty || now - sent_at >= kQuickReply) {
    quick_empty_replies_ = 0;
    return;
  }
  // Doubling stops once the cap is reached, before the shift could overflow.
  auto shift = std::min(quick_empty_replies_, 10);
  auto delay = std::min<std::chrono::milliseconds>(kMaxDelay, kMinDelay * (1LL << shift));
  ++quick_empty_replies_;
  hold_until_ = std::max(hold_until_, now + delay);
}

int ReceivePacer::allowed_in_flight(int concurrency, Clock::time_point now) const {
  if (!pacing()) return concurrency;
  return now < hold_until_ ? 0 : std::min(concurrency, 1);
}

std::optional<ReceivePacer::Clock::time_point> ReceivePacer::held_until() const {
  if (!pacing()) return std::nullopt;
  return hold_until_;
}

}  // namespace sluice::sqs
