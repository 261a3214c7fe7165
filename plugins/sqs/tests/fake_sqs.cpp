#include "fake_sqs.h"

#include <thread>

namespace sluice::sqs::testing_support {
namespace {

// How long an empty receive waits in real time before answering, so that a
// drained queue does not make the consumer spin.
constexpr std::chrono::milliseconds kLongPoll{20};

}  // namespace

void FakeSqs::send(std::string body) {
  std::lock_guard lock(mutex_);
  StoredMessage message;
  message.id = "m-" + std::to_string(messages_.size());
  message.body = std::move(body);
  message.visible_at = clock_.now();
  messages_.push_back(std::move(message));
}

void FakeSqs::fail_next_delete_entries(std::vector<std::size_t> positions, bool sender_fault) {
  std::lock_guard lock(mutex_);
  delete_entry_failures_ = std::move(positions);
  delete_failures_blame_sender_ = sender_fault;
}

void FakeSqs::fail_next_call(SqsAction action, Status error) {
  std::lock_guard lock(mutex_);
  call_failures_[action] = std::move(error);
}

std::size_t FakeSqs::visible_count() const {
  std::lock_guard lock(mutex_);
  std::size_t visible = 0;
  for (const auto& message : messages_) visible += !message.deleted && message.visible_at <= clock_.now();
  return visible;
}

std::size_t FakeSqs::deleted_count() const {
  std::lock_guard lock(mutex_);
  std::size_t deleted = 0;
  for (const auto& message : messages_) deleted += message.deleted;
  return deleted;
}

bool FakeSqs::is_deleted(const std::string& body) const {
  std::lock_guard lock(mutex_);
  for (const auto& message : messages_) {
    if (message.body == body) return message.deleted;
  }
  return false;
}

int FakeSqs::receive_count_of(const std::string& body) const {
  std::lock_guard lock(mutex_);
  for (const auto& message : messages_) {
    if (message.body == body) return message.receive_count;
  }
  return -1;
}

std::vector<std::vector<std::string>> FakeSqs::delete_calls() const {
  std::lock_guard lock(mutex_);
  return delete_calls_;
}

std::vector<VisibilityChange> FakeSqs::visibility_changes() const {
  std::lock_guard lock(mutex_);
  return visibility_changes_;
}

int FakeSqs::max_receives_in_flight() const {
  std::lock_guard lock(mutex_);
  return max_receives_in_flight_;
}

void FakeSqs::answer_empty_receives_at_once(bool at_once) {
  std::lock_guard lock(mutex_);
  empty_receives_at_once_ = at_once;
}

void FakeSqs::script_next_receive(std::vector<Message> messages) {
  std::lock_guard lock(mutex_);
  scripted_receive_ = std::move(messages);
}

int FakeSqs::receive_calls() const {
  std::lock_guard lock(mutex_);
  return receive_calls_;
}

void FakeSqs::receive(const ReceiveRequest& request, Completion<std::vector<Message>> done) {
  std::lock_guard lock(mutex_);
  ++receive_calls_;
  if (scripted_receive_) {
    replies_.push_back(
        [done = std::move(done), batch = std::exchange(scripted_receive_, std::nullopt)] { done(*batch); });
    return;
  }
  if (auto failure = scripted_failure(SqsAction::kReceiveMessage)) {
    replies_.push_back([done = std::move(done), error = *failure] { done(error); });
    return;
  }
  receives_.push_back({request, std::move(done), std::chrono::steady_clock::now() + kLongPoll});
  max_receives_in_flight_ = std::max(max_receives_in_flight_, static_cast<int>(receives_.size()));
}

void FakeSqs::delete_batch(std::vector<BatchEntry> entries, Completion<BatchResult> done) {
  std::lock_guard lock(mutex_);
  if (auto failure = scripted_failure(SqsAction::kDeleteMessageBatch)) {
    replies_.push_back([done = std::move(done), error = *failure] { done(error); });
    return;
  }
  auto failing = std::exchange(delete_entry_failures_, {});
  BatchResult result;
  std::vector<std::string> handles;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    handles.push_back(entries[i].receipt_handle);
    if (std::find(failing.begin(), failing.end(), i) != failing.end()) {
      result.failed.push_back(delete_failures_blame_sender_
                                  ? BatchEntryFailure{entries[i].id, "InvalidParameterValue", "refused", true}
                                  : BatchEntryFailure{entries[i].id, "InternalError", "try again", false});
    } else if (auto* message = by_handle(entries[i].receipt_handle)) {
      message->deleted = true;
      result.succeeded_ids.push_back(entries[i].id);
    } else {
      result.failed.push_back({entries[i].id, "ReceiptHandleIsInvalid", "not valid", true});
    }
  }
  delete_calls_.push_back(std::move(handles));
  auto& answers = deletes_held_ ? held_delete_replies_ : replies_;
  answers.push_back([done = std::move(done), result = std::move(result)] { done(result); });
}

void FakeSqs::hold_deletes(bool held) {
  {
    std::lock_guard lock(mutex_);
    deletes_held_ = held;
    if (!held) {
      for (auto& reply : held_delete_replies_) replies_.push_back(std::move(reply));
      held_delete_replies_.clear();
    }
  }
  activity_.notify_all();
}

int FakeSqs::idle_polls_that_did_not_wait() const {
  std::lock_guard lock(mutex_);
  return idle_polls_that_did_not_wait_;
}

void FakeSqs::change_visibility_batch(std::vector<BatchEntry> entries, Completion<BatchResult> done) {
  std::lock_guard lock(mutex_);
  if (auto failure = scripted_failure(SqsAction::kChangeMessageVisibilityBatch)) {
    replies_.push_back([done = std::move(done), error = *failure] { done(error); });
    return;
  }
  BatchResult result;
  for (const auto& entry : entries) {
    visibility_changes_.push_back({entry.receipt_handle, entry.visibility_timeout});
    if (auto* message = by_handle(entry.receipt_handle)) {
      message->visible_at = clock_.now() + std::chrono::seconds(entry.visibility_timeout);
      result.succeeded_ids.push_back(entry.id);
    } else {
      result.failed.push_back({entry.id, "ReceiptHandleIsInvalid", "not valid", true});
    }
  }
  replies_.push_back([done = std::move(done), result = std::move(result)] { done(result); });
}

void FakeSqs::get_queue_attributes(std::vector<std::string>, Completion<QueueAttributes> done) {
  std::lock_guard lock(mutex_);
  QueueAttributes attributes{{"VisibilityTimeout", std::to_string(default_timeout_)}};
  replies_.push_back([done = std::move(done), attributes] { done(attributes); });
}

void FakeSqs::cancel_receives() {
  std::lock_guard lock(mutex_);
  for (auto& pending : receives_) pending.cancelled = true;
}

void FakeSqs::poll(std::chrono::milliseconds max_wait) {
  std::vector<Reply> replies;
  {
    std::unique_lock lock(mutex_);
    collect_replies(replies);
    if (replies.empty() && !woken_) {
      if (max_wait.count() == 0) ++idle_polls_that_did_not_wait_;
      activity_.wait_for(lock, std::min(max_wait, kLongPoll), [&] { return woken_; });
      collect_replies(replies);
    }
    woken_ = false;
  }
  for (auto& reply : replies) reply();
}

void FakeSqs::collect_replies(std::vector<Reply>& replies) {
  for (auto it = receives_.begin(); it != receives_.end();) {
    it = complete_receive(*it, replies) ? receives_.erase(it) : std::next(it);
  }
  for (auto& reply : replies_) replies.push_back(std::move(reply));
  replies_.clear();
}

void FakeSqs::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  activity_.notify_all();
}

bool FakeSqs::idle() const {
  std::lock_guard lock(mutex_);
  return receives_.empty() && replies_.empty();
}

bool FakeSqs::complete_receive(PendingReceive& pending, std::vector<Reply>& replies) {
  if (pending.cancelled) {
    replies.push_back(
        [done = std::move(pending.done)] { done(make_error(ErrorKind::kCancelled, "cancelled")); });
    return true;
  }
  auto now = clock_.now();
  std::vector<Message> batch;
  for (auto& stored : messages_) {
    if (static_cast<int>(batch.size()) >= pending.request.max_messages) break;
    if (stored.deleted || stored.visible_at > now) continue;
    ++stored.receive_count;
    stored.receipt_handle = "rh-" + std::to_string(next_handle_++);
    stored.visible_at =
        now + std::chrono::seconds(pending.request.visibility_timeout.value_or(default_timeout_));
    batch.push_back(
        Message{stored.id, stored.receipt_handle, stored.body, 1'700'000'000'000, stored.receive_count});
  }
  if (batch.empty() && !empty_receives_at_once_ && pending.real_deadline > std::chrono::steady_clock::now()) {
    return false;
  }
  replies.push_back([done = std::move(pending.done), batch = std::move(batch)] { done(batch); });
  return true;
}

FakeSqs::StoredMessage* FakeSqs::by_handle(const std::string& receipt_handle) {
  for (auto& message : messages_) {
    if (!message.deleted && message.receipt_handle == receipt_handle) return &message;
  }
  return nullptr;
}

std::optional<Status> FakeSqs::scripted_failure(SqsAction action) {
  auto it = call_failures_.find(action);
  if (it == call_failures_.end()) return std::nullopt;
  auto error = it->second;
  call_failures_.erase(it);
  return error;
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
  auto give_up_at = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > give_up_at) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

}  // namespace sluice::sqs::testing_support
