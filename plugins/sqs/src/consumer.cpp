#include "consumer_internal.h"

#include <algorithm>
#include <charconv>
#include <map>

namespace sluice::sqs {
namespace {

using std::chrono::milliseconds;

// Batch calls (deletes, releases) in flight at once, at least; more wait
// their turn. Deletes must keep up with `concurrency` receives of up to 10
// messages each, so the limit grows with it (a distant queue needs both).
constexpr int kMinSettlementCalls = 8;
// The loop wakes at least this often, to notice time-based work.
constexpr milliseconds kMaxIdleWait{1000};
// After a failed extension, wait this long before trying that message again.
constexpr std::chrono::seconds kExtensionRetryDelay{1};
// On close, how long receives already sent may take to answer before they
// are cancelled: an answered receive's messages can be released at once, a
// cancelled one's stay hidden until their visibility timeout.
constexpr milliseconds kReceiveGraceOnClose{1000};

// Batch entry ids are the entries' positions ("0".."9").
std::optional<std::size_t> entry_index(const std::string& id, std::size_t batch_size) {
  std::size_t index = 0;
  auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), index);
  if (id.empty() || ec != std::errc() || end != id.data() + id.size() || index >= batch_size) return std::nullopt;
  return index;
}

bool is_delete(SqsAction action) { return action == SqsAction::kDeleteMessageBatch; }

std::string plural(std::size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::size_t default_prefetch(const ConsumerSettings& settings) {
  return 2 * static_cast<std::size_t>(std::max(settings.concurrency, 1)) *
         static_cast<std::size_t>(std::max(settings.receive.max_messages, 1));
}

}  // namespace

Consumer::Consumer(std::unique_ptr<SqsOperations> sqs, ConsumerSettings settings, Logger logger, Counter counter,
                   ClockSource clock)
    : sqs_(std::move(sqs)),
      settings_(std::move(settings)),
      logger_(std::move(logger)),
      counter_(std::move(counter)),
      clock_(std::move(clock)),
      ledger_(settings_.visibility_timeout),
      deletes_(settings_.settlement_retry),
      releases_(settings_.settlement_retry) {
  if (settings_.max_prefetched == 0) settings_.max_prefetched = default_prefetch(settings_);
  thread_ = std::thread([this] { run(); });
}

Consumer::~Consumer() { close(); }

TakeResult Consumer::take(std::size_t max_messages, milliseconds timeout) {
  auto asked_at = clock_();
  std::unique_lock lock(mutex_);
  auto found_empty = [&] {
    return settings_.drain && last_empty_receive_sent_ && *last_empty_receive_sent_ >= asked_at;
  };
  messages_ready_.wait_for(lock, timeout, [&] { return !ready_.empty() || failure_ || closing_ || found_empty(); });
  TakeResult result;
  if (!ready_.empty()) {
    auto n = std::min(std::max<std::size_t>(max_messages, 1), ready_.size());
    result.kind = TakeResult::Kind::kMessages;
    result.messages.assign(std::make_move_iterator(ready_.begin()), std::make_move_iterator(ready_.begin() + n));
    ready_.erase(ready_.begin(), ready_.begin() + n);
    lock.unlock();
    sqs_->wake();  // room for more receives
  } else if (failure_) {
    result.kind = TakeResult::Kind::kFailed;
    result.error = *failure_;
  } else if (closing_) {
    result.kind = TakeResult::Kind::kClosed;
  } else if (found_empty()) {
    result.kind = TakeResult::Kind::kQueueEmpty;
  }
  return result;
}

void Consumer::settle(std::vector<Settlement> settlements) {
  {
    std::lock_guard lock(mutex_);
    inbox_.insert(inbox_.end(), std::make_move_iterator(settlements.begin()),
                  std::make_move_iterator(settlements.end()));
  }
  sqs_->wake();
}

void Consumer::close() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  messages_ready_.notify_all();
  if (thread_.joinable()) {
    sqs_->wake();
    thread_.join();
  }
}

void Consumer::run() {
  try {
    while (!finished(clock_())) loop_once();
  } catch (const std::exception& e) {
    fail(make_error(ErrorKind::kInternal, std::string("the SQS consumer stopped: ") + e.what()));
  }
  if (ledger_.size() > 0) {
    log(LogLevel::kInfo, plural(ledger_.size(), "message") +
                             " taken but never settled will be delivered again after their visibility timeout");
  }
  if (!deletes_.empty() || !releases_.empty()) {
    log(LogLevel::kWarn, "stopped before settling " + plural(deletes_.size() + releases_.size(), "message") +
                             "; they will be delivered again after their visibility timeout");
  }
}

void Consumer::loop_once() {
  std::vector<Settlement> settlements;
  bool closing = false;
  {
    std::lock_guard lock(mutex_);
    settlements.swap(inbox_);
    closing = closing_;
  }
  auto now = clock_();
  apply_settlements(std::move(settlements));
  if (closing && !close_deadline_) begin_closing(now);
  cancel_receives_if_due(now);
  if (!close_deadline_) {
    start_receives(now);
    start_extensions(now);
  }
  start_settlements(now);
  sqs_->poll(wait_budget(now));
}

bool Consumer::finished(Clock::time_point now) const {
  if (!close_deadline_) return false;
  bool settled = deletes_.empty() && releases_.empty() && settlement_calls_in_flight_ == 0 &&
                 receives_in_flight_ == 0;
  bool inbox_empty = [&] {
    std::lock_guard lock(mutex_);
    return inbox_.empty();
  }();
  return (settled && inbox_empty) || now >= *close_deadline_;
}

void Consumer::begin_closing(Clock::time_point now) {
  close_deadline_ = now + settings_.close_timeout;
  receives_cancel_at_ = now + std::min(kReceiveGraceOnClose, settings_.close_timeout);
  stop_receiving_ = true;
  std::deque<Message> untaken;
  {
    std::lock_guard lock(mutex_);
    untaken.swap(ready_);
  }
  // Nobody will take these: offer them to other consumers right away.
  for (auto& message : untaken) {
    if (ledger_.remove(message.receipt_handle)) {
      releases_.push(std::move(message.receipt_handle), std::move(message.message_id));
    }
  }
}

void Consumer::cancel_receives_if_due(Clock::time_point now) {
  if (!receives_cancel_at_ || now < *receives_cancel_at_) return;
  receives_cancel_at_.reset();
  if (receives_in_flight_ > 0) sqs_->cancel_receives();
}

void Consumer::apply_settlements(std::vector<Settlement> settlements) {
  for (auto& settlement : settlements) {
    const auto* id = ledger_.message_id(settlement.receipt_handle);
    if (id == nullptr) {
      log(LogLevel::kDebug, "ignoring a settlement for a message no longer held");
      continue;
    }
    auto message_id = *id;
    ledger_.remove(settlement.receipt_handle);
    switch (settlement.disposition) {
      case Disposition::kDelete:
        deletes_.push(std::move(settlement.receipt_handle), std::move(message_id));
        break;
      case Disposition::kRelease:
        releases_.push(std::move(settlement.receipt_handle), std::move(message_id));
        break;
      case Disposition::kAbandon:
        count("messages_left_for_redrive", 1);
        break;
    }
  }
}

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

void Consumer::start_receives(Clock::time_point now) {
  auto per_receive = static_cast<std::size_t>(std::max(settings_.receive.max_messages, 1));
  auto allowed = pacer_.allowed_in_flight(settings_.concurrency, now);
  while (!stop_receiving_ && receives_in_flight_ < allowed &&
         prefetched() + (receives_in_flight_ + 1) * per_receive <= settings_.max_prefetched) {
    ++receives_in_flight_;
    auto sent_at = clock_();
    bool clean_start = !releases_pending();
    sqs_->receive(settings_.receive, [this, sent_at, clean_start](Result<std::vector<Message>> received) {
      on_received(std::move(received), sent_at, clean_start);
    });
  }
}

void Consumer::on_received(Result<std::vector<Message>> received, Clock::time_point sent_at, bool clean_start) {
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
      log(LogLevel::kWarn, "received message " + message.message_id + " with the receipt handle of message " +
                               (held_id ? *held_id : "?") + ", which is still held; ignoring the copy");
      continue;
    }
    fresh.push_back(std::move(message));
  }
  return fresh;
}

void Consumer::start_extensions(Clock::time_point now) {
  for (auto batch = ledger_.take_due_extensions(now, kMaxBatchEntries); !batch.empty();
       batch = ledger_.take_due_extensions(now, kMaxBatchEntries)) {
    sqs_->change_visibility_batch(batch, [this, batch, now](Result<BatchResult> result) {
      on_extended(batch, now, std::move(result));
    });
  }
}

void Consumer::on_extended(const std::vector<BatchEntry>& batch, Clock::time_point sent_at,
                           Result<BatchResult> result) {
  auto retry_at = clock_() + kExtensionRetryDelay;
  if (!result.ok()) {
    log(LogLevel::kWarn, "could not extend the visibility of " + plural(batch.size(), "message") + ": " +
                             result.status().message());
    for (const auto& entry : batch) ledger_.extension_failed(entry.receipt_handle, retry_at, false);
    return;
  }
  std::map<std::string, const BatchEntry*> by_id;
  for (const auto& entry : batch) by_id[entry.id] = &entry;
  for (const auto& id : result->succeeded_ids) {
    if (auto it = by_id.find(id); it != by_id.end()) {
      ledger_.extension_succeeded(it->second->receipt_handle, sent_at, it->second->visibility_timeout);
    }
  }
  count("visibility_extensions", static_cast<double>(result->succeeded_ids.size()));
  for (const auto& failure : result->failed) {
    auto it = by_id.find(failure.id);
    if (it == by_id.end()) continue;
    const auto* message_id = ledger_.message_id(it->second->receipt_handle);
    log(LogLevel::kWarn, "could not extend the visibility of message " + (message_id ? *message_id : "?") + " (" +
                             failure.code + "); it may be delivered again");
    ledger_.extension_failed(it->second->receipt_handle, retry_at, failure.sender_fault);
  }
}

int Consumer::max_settlement_calls() const { return std::max(kMinSettlementCalls, settings_.concurrency); }

void Consumer::start_settlements(Clock::time_point now) {
  for (auto* queue : {&deletes_, &releases_}) {
    auto action = queue == &deletes_ ? SqsAction::kDeleteMessageBatch : SqsAction::kChangeMessageVisibilityBatch;
    while (settlement_calls_in_flight_ < max_settlement_calls()) {
      auto batch = queue->take_batch(now);
      if (batch.empty()) break;
      send_settlement(action, std::move(batch));
    }
  }
}

void Consumer::send_settlement(SqsAction action, std::vector<PendingSettlement> batch) {
  std::vector<BatchEntry> entries;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    entries.push_back(BatchEntry{std::to_string(i), batch[i].receipt_handle, 0});
  }
  ++settlement_calls_in_flight_;
  if (!is_delete(action)) ++release_calls_in_flight_;
  auto done = [this, action, batch = std::move(batch)](Result<BatchResult> result) mutable {
    on_settled(action, std::move(batch), std::move(result));
  };
  if (is_delete(action)) {
    sqs_->delete_batch(std::move(entries), std::move(done));
  } else {
    sqs_->change_visibility_batch(std::move(entries), std::move(done));
  }
}

void Consumer::on_settled(SqsAction action, std::vector<PendingSettlement> batch, Result<BatchResult> result) {
  --settlement_calls_in_flight_;
  if (!is_delete(action)) --release_calls_in_flight_;
  auto& queue = is_delete(action) ? deletes_ : releases_;
  if (!result.ok()) {
    if (!is_retryable(result.status())) return give_up(action, batch, result.status().message());
    log(LogLevel::kWarn, std::string(action_name(action)) + " failed, will retry: " + result.status().message());
    give_up(action, queue.retry_later(std::move(batch), clock_()), result.status().message());
    return;
  }
  count(is_delete(action) ? "messages_deleted" : "messages_released",
        static_cast<double>(result->succeeded_ids.size()));
  std::vector<PendingSettlement> retry;
  for (const auto& failure : result->failed) {
    auto index = entry_index(failure.id, batch.size());
    if (!index) continue;
    if (failure.sender_fault) {
      give_up(action, {batch[*index]}, failure.code);
    } else {
      retry.push_back(std::move(batch[*index]));
    }
  }
  give_up(action, queue.retry_later(std::move(retry), clock_()), "failed too often");
}

void Consumer::give_up(SqsAction action, const std::vector<PendingSettlement>& entries, const std::string& why) {
  if (entries.empty()) return;
  count("settlement_failures", static_cast<double>(entries.size()));
  for (const auto& entry : entries) {
    log(LogLevel::kWarn, std::string(is_delete(action) ? "could not delete" : "could not release") + " message " +
                             entry.message_id + " (" + why + "); it will be delivered again after its visibility timeout");
  }
}

milliseconds Consumer::wait_budget(Clock::time_point now) const {
  // Settlements waiting for a free call slot are started when a call
  // completes, which ends the poll anyway: counting them as due would spin
  // the loop (and starve a machine) for as long as every slot is busy.
  bool slot_free = settlement_calls_in_flight_ < max_settlement_calls();
  auto never = Clock::time_point::max();
  auto next = std::min({ledger_.next_extension_due().value_or(never),
                        slot_free ? deletes_.next_ready().value_or(never) : never,
                        slot_free ? releases_.next_ready().value_or(never) : never,
                        close_deadline_.value_or(never), receives_cancel_at_.value_or(never),
                        receives_held_until(now).value_or(never)});
  if (next <= now) return milliseconds(0);
  if (next - now >= kMaxIdleWait) return kMaxIdleWait;
  return std::chrono::ceil<milliseconds>(next - now);
}

// When paced receives may go again, if they are waiting for nothing else:
// a receive in flight wakes the loop when it answers, and a hold already
// over must not count (the loop would spin while prefetch is full).
std::optional<Consumer::Clock::time_point> Consumer::receives_held_until(Clock::time_point now) const {
  auto until = pacer_.held_until();
  if (!until || *until <= now || receives_in_flight_ > 0 || stop_receiving_) return std::nullopt;
  return until;
}

// The error reaches the host through take(), which reports it.
void Consumer::fail(Status error) {
  stop_receiving_ = true;
  {
    std::lock_guard lock(mutex_);
    if (!failure_) failure_ = std::move(error);
  }
  messages_ready_.notify_all();
}

void Consumer::log(LogLevel level, const std::string& message) const {
  if (logger_) logger_(level, message);
}

void Consumer::count(const char* name, double amount) const {
  if (counter_ && amount > 0) counter_(name, amount);
}

}  // namespace sluice::sqs
