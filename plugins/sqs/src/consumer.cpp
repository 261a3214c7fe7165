#include "consumer.h"

#include <algorithm>

namespace sluice::sqs {
namespace {

using std::chrono::milliseconds;

// The loop wakes at least this often, to notice time-based work.
constexpr milliseconds kMaxIdleWait{1000};
// On close, how long receives already sent may take to answer before they
// are cancelled: an answered receive's messages can be released at once, a
// cancelled one's stay hidden until their visibility timeout.
constexpr milliseconds kReceiveGraceOnClose{1000};

std::size_t default_prefetch(const ConsumerSettings& settings) {
  return 2 * static_cast<std::size_t>(std::max(settings.concurrency, 1)) *
         static_cast<std::size_t>(std::max(settings.receive.max_messages, 1));
}

}  // namespace

std::string plural(std::size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

Consumer::Consumer(std::unique_ptr<SqsOperations> sqs, ConsumerSettings settings, support::Logger logger,
                   support::Counter counter, ClockSource clock)
    : sqs_(std::move(sqs)),
      settings_(settings),
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
  messages_ready_.wait_for(lock, timeout,
                           [&] { return !ready_.empty() || failure_ || closing_ || found_empty(); });
  TakeResult result;
  if (!ready_.empty()) {
    auto n = std::min(std::max<std::size_t>(max_messages, 1), ready_.size());
    result.kind = TakeResult::Kind::kMessages;
    result.messages.assign(std::make_move_iterator(ready_.begin()),
                           std::make_move_iterator(ready_.begin() + n));
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
    log(support::LogLevel::kInfo,
        plural(ledger_.size(), "message") +
            " taken but never settled will be delivered again after their visibility timeout");
  }
  if (!deletes_.empty() || !releases_.empty()) {
    log(support::LogLevel::kWarn, "stopped before settling " +
                                      plural(deletes_.size() + releases_.size(), "message") +
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
    send_receive_messages(now);
    send_visibility_extensions(now);
  }
  send_settlement_batches(now);
  sqs_->poll(wait_budget(now));
}

bool Consumer::finished(Clock::time_point now) const {
  if (!close_deadline_) return false;
  bool settled =
      deletes_.empty() && releases_.empty() && settlement_calls_in_flight_ == 0 && receives_in_flight_ == 0;
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

milliseconds Consumer::wait_budget(Clock::time_point now) const {
  // Settlements waiting for a free call slot are started when a call
  // completes, which ends the poll anyway: counting them as due would spin
  // the loop (and starve a machine) for as long as every slot is busy.
  bool slot_free = settlement_calls_in_flight_ < max_settlement_calls();
  auto never = Clock::time_point::max();
  auto next =
      std::min({ledger_.next_extension_due().value_or(never),
                slot_free ? deletes_.next_ready().value_or(never) : never,
                slot_free ? releases_.next_ready().value_or(never) : never, close_deadline_.value_or(never),
                receives_cancel_at_.value_or(never), receives_held_until(now).value_or(never)});
  if (next <= now) return milliseconds(0);
  if (next - now >= kMaxIdleWait) return kMaxIdleWait;
  return std::chrono::ceil<milliseconds>(next - now);
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

void Consumer::log(support::LogLevel level, const std::string& message) const {
  if (logger_) logger_(level, message);
}

void Consumer::count(const char* name, double amount) const {
  if (counter_ && amount > 0) counter_(name, amount);
}

}  // namespace sluice::sqs
