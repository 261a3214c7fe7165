#include "in_flight_ledger.h"

#include <algorithm>

namespace sluice::sqs {

InFlightLedger::InFlightLedger(std::chrono::seconds visibility_timeout)
    : visibility_timeout_(visibility_timeout) {}

bool InFlightLedger::add(const std::string& receipt_handle, const std::string& message_id,
                         Clock::time_point received_at) {
  auto [it, inserted] = messages_.try_emplace(
      receipt_handle,
      Held{message_id, received_at, received_at + visibility_timeout_, received_at, std::nullopt});
  if (inserted) schedule(it);
  return inserted;
}

bool InFlightLedger::remove(const std::string& receipt_handle) {
  auto it = messages_.find(receipt_handle);
  if (it == messages_.end()) return false;
  unschedule(it->second);
  messages_.erase(it);
  return true;
}

bool InFlightLedger::contains(const std::string& receipt_handle) const {
  return messages_.contains(receipt_handle);
}

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

// The index points at the map's key, which stays put for the entry's life
// (unordered_map nodes are never moved).
void InFlightLedger::schedule(Messages::iterator it) {
  unschedule(it->second);
  it->second.scheduled = due_.emplace(due_at(it->second), &it->first);
}

void InFlightLedger::unschedule(Held& held) {
  if (!held.scheduled) return;
  due_.erase(*held.scheduled);
  held.scheduled.reset();
}

std::vector<BatchEntry> InFlightLedger::take_due_extensions(Clock::time_point now, std::size_t max) {
  std::vector<BatchEntry> due;
  while (due.size() < max && !due_.empty() && due_.begin()->first <= now) {
    ++entries_visited_;
    const std::string& handle = *due_.begin()->second;
    auto& held = messages_.find(handle)->second;
    unschedule(held);  // extending, or abandoned: not due again until told
    auto timeout = next_timeout_seconds(held, now);
    if (timeout <= 0) continue;  // at SQS's 12-hour limit: nothing more to do
    due.push_back(BatchEntry{std::to_string(due.size()), handle, timeout});
  }
  return due;
}

void InFlightLedger::extension_succeeded(const std::string& receipt_handle, Clock::time_point sent_at,
                                         int timeout_seconds) {
  auto it = messages_.find(receipt_handle);
  if (it == messages_.end()) return;
  it->second.visible_at = sent_at + std::chrono::seconds(timeout_seconds);
  schedule(it);
}

void InFlightLedger::extension_failed(const std::string& receipt_handle, Clock::time_point retry_at,
                                      bool give_up) {
  auto it = messages_.find(receipt_handle);
  if (it == messages_.end()) return;
  it->second.not_before = retry_at;
  if (give_up) {
    unschedule(it->second);
  } else {
    schedule(it);
  }
}

std::optional<InFlightLedger::Clock::time_point> InFlightLedger::next_extension_due() const {
  if (due_.empty()) return std::nullopt;
  ++entries_visited_;
  return due_.begin()->first;
}

}  // namespace sluice::sqs
