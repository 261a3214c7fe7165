#include "queue.h"

#include <cstdio>

#include "body_digest.h"
#include "receipt_handle.h"

namespace sqs_server {
namespace {

// Shaped like the UUIDs SQS hands out, unique per queue instance.
std::string message_id(std::uint64_t tag, std::uint64_t sequence) {
  char text[40];
  int n = std::snprintf(text, sizeof text, "%08llx-0000-4000-8000-%012llx",
                        static_cast<unsigned long long>(tag & 0xffffffffULL),
                        static_cast<unsigned long long>(sequence & 0xffffffffffffULL));
  return std::string(text, static_cast<std::size_t>(n));
}

}  // namespace

Queue::Queue(std::string name, std::uint64_t tag, std::chrono::seconds visibility_timeout)
    : name_(std::move(name)), tag_(tag), visibility_timeout_(visibility_timeout) {}

std::string Queue::send(std::string body, std::int64_t sent_timestamp_ms) {
  auto md5 = md5_hex(body);
  std::unique_lock lock(mutex_);
  auto sequence = next_sequence_++;
  auto& stored = messages_[sequence];
  stored.id = message_id(tag_, sequence);
  stored.body = std::move(body);
  stored.body_md5 = std::move(md5);
  stored.sent_timestamp_ms = sent_timestamp_ms;
  make_visible(sequence, stored);
  auto id = stored.id;
  wake_waiters(lock);
  return id;
}

void Queue::make_visible(std::uint64_t sequence, Stored& stored) {
  stored.in_flight = false;
  ++visible_count_;
  if (!stored.queued) {
    stored.queued = true;
    visible_.push_back(sequence);
  }
}

// In-flight messages whose timeout is over become visible again, oldest first.
void Queue::expire_in_flight(Clock::time_point now) {
  while (!in_flight_.empty() && in_flight_.begin()->first <= now) {
    ++entries_visited_;
    auto sequence = in_flight_.begin()->second;
    in_flight_.erase(in_flight_.begin());
    make_visible(sequence, messages_.at(sequence));
  }
}

std::vector<ReceivedMessage> Queue::receive(std::size_t max, std::chrono::seconds visibility,
                                            Clock::time_point now) {
  std::lock_guard lock(mutex_);
  expire_in_flight(now);
  std::vector<ReceivedMessage> received;
  while (received.size() < max && !visible_.empty()) {
    ++entries_visited_;
    auto sequence = visible_.front();
    visible_.pop_front();
    auto it = messages_.find(sequence);
    if (it == messages_.end()) continue;  // deleted while visible
    auto& stored = it->second;
    stored.queued = false;
    if (stored.in_flight) continue;  // received again after a release queued it twice
    --visible_count_;
    stored.in_flight = true;
    ++stored.receive_count;
    stored.visible_at = now + visibility;
    in_flight_.emplace(stored.visible_at, sequence);
    received.push_back(
        ReceivedMessage{stored.id, format_receipt_handle({tag_, sequence, stored.receive_count}), stored.body,
                        stored.body_md5, stored.sent_timestamp_ms, stored.receive_count});
  }
  return received;
}

std::optional<std::uint64_t> Queue::own_sequence(std::string_view receipt_handle,
                                                 std::uint32_t* receive) const {
  auto handle = parse_receipt_handle(receipt_handle);
  if (!handle || handle->queue_tag != tag_ || handle->sequence == 0 || handle->sequence >= next_sequence_) {
    return std::nullopt;
  }
  *receive = handle->receive;
  return handle->sequence;
}

// As in SQS: a delete with the latest handle removes the message, in flight
// or not; one with a stale handle, or of a message already deleted,
// succeeds without effect.
HandleVerdict Queue::remove(std::string_view receipt_handle) {
  std::lock_guard lock(mutex_);
  std::uint32_t receive = 0;
  auto sequence = own_sequence(receipt_handle, &receive);
  if (!sequence) return HandleVerdict::kInvalid;
  ++entries_visited_;
  auto it = messages_.find(*sequence);
  if (it == messages_.end() || it->second.receive_count != receive) return HandleVerdict::kDone;
  if (it->second.in_flight) {
    in_flight_.erase({it->second.visible_at, *sequence});
  } else {
    --visible_count_;  // its entry in visible_ is skipped when reached
  }
  messages_.erase(it);
  return HandleVerdict::kDone;
}

HandleVerdict Queue::change_visibility(std::string_view receipt_handle, std::chrono::seconds timeout,
                                       Clock::time_point now) {
  std::unique_lock lock(mutex_);
  std::uint32_t receive = 0;
  auto sequence = own_sequence(receipt_handle, &receive);
  if (!sequence) return HandleVerdict::kInvalid;
  ++entries_visited_;
  expire_in_flight(now);
  auto it = messages_.find(*sequence);
  if (it == messages_.end() || !it->second.in_flight || it->second.receive_count != receive) {
    return HandleVerdict::kNotInFlight;
  }
  auto& stored = it->second;
  in_flight_.erase({stored.visible_at, *sequence});
  if (timeout.count() > 0) {
    stored.visible_at = now + timeout;
    in_flight_.emplace(stored.visible_at, *sequence);
    return HandleVerdict::kDone;
  }
  make_visible(*sequence, stored);
  wake_waiters(lock);
  return HandleVerdict::kDone;
}

Queue::Counts Queue::counts(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  expire_in_flight(now);
  return Counts{visible_count_, in_flight_.size()};
}

std::optional<Clock::time_point> Queue::next_reappearance() const {
  std::lock_guard lock(mutex_);
  if (in_flight_.empty()) return std::nullopt;
  return in_flight_.begin()->first;
}

std::uint64_t Queue::add_waiter(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  auto id = next_waiter_++;
  waiters_.emplace(id, std::move(wake));
  return id;
}

void Queue::remove_waiter(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  waiters_.erase(id);
}

// Called with the lock held; the callbacks run without it.
void Queue::wake_waiters(std::unique_lock<std::mutex>& lock) {
  if (waiters_.empty()) return;
  auto waking = std::move(waiters_);
  waiters_.clear();
  lock.unlock();
  for (auto& [id, wake] : waking) wake();
}

std::uint64_t Queue::entries_visited() const {
  std::lock_guard lock(mutex_);
  return entries_visited_;
}

}  // namespace sqs_server
