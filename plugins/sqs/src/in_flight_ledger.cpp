#include "in_flight_ledger_internal.h"

#include <algorithm>

namespace sluice::sqs {

InFlightLedger::InFlightLedger(std::chrono::seconds visibility_timeout) : visibility_timeout_(visibility_timeout) {}

void InFlightLedger::add(const std::string& receipt_handle, const std::string& message_id,
                         Clock::time_point received_at) {
  messages_[receipt_handle] = Held{message_id, received_at, received_at + visibility_timeout_, received_at};
}

bool InFlightLedger::remove(const std::string& receipt_handle) { return messages_.erase(receipt_handle) > 0; }

bool InFlightLedger::contains(const std::string& receipt_handle) const { return messages_.contains(receipt_handle); }

const std::string* InFlightLedger::message_id(const std::string& receipt_handle) const {
  auto it = messages_.find(receipt_handle);
  return it == messages_.end() ? nullptr : &it->second.message_id;
}

InFlightLedger::Clock::time_point InFlightLedger::due_at(const Held& held) const {
  return std::max(held.visible_at - visibility_timeout_ / 2, held.not_before);
}

int InFlightLedger::next_timeout_seconds(const Held& held, Clock::time_point now) const {
  auto left = std::chrono::duration_cast<std::chrono::seconds>(held.received_at + kMaxInvisibility - now);
  return static_cast<int>(std::min(visibility_timeout_, left).count());
}

std::vector<BatchEntry> InFlightLedger::take_due_extensions(Clock::time_point now, std::size_t max) {
  std::vector<BatchEntry> due;
  for (auto& [handle, held] : messages_) {
    if (due.size() >= max) break;
    if (held.extending || held.abandoned || due_at(held) > now) continue;
    auto timeout = next_timeout_seconds(held, now);
    if (timeout <= 0) {
      held.abandoned = true;  // at SQS's 12-hour limit: nothing more to do
      continue;
    }
    held.extending = true;
    due.push_back(BatchEntry{std::to_string(due.size()), handle, timeout});
  }
  return due;
}

void InFlightLedger::extension_succeeded(const std::string& receipt_handle, Clock::time_point sent_at,
                                         int timeout_seconds) {
  auto it = messages_.find(receipt_handle);
  if (it == messages_.end()) return;
  it->second.extending = false;
  it->second.visible_at = sent_at + std::chrono::seconds(timeout_seconds);
}

void InFlightLedger::extension_failed(const std::string& receipt_handle, Clock::time_point retry_at, bool give_up) {
  auto it = messages_.find(receipt_handle);
  if (it == messages_.end()) return;
  it->second.extending = false;
  it->second.not_before = retry_at;
  it->second.abandoned = it->second.abandoned || give_up;
}

std::optional<InFlightLedger::Clock::time_point> InFlightLedger::next_extension_due() const {
  std::optional<Clock::time_point> next;
  for (const auto& [handle, held] : messages_) {
    if (held.extending || held.abandoned) continue;
    auto due = due_at(held);
    if (!next || due < *next) next = due;
  }
  return next;
}

}  // namespace sluice::sqs
