// An in-memory SQS queue behind the SqsOperations interface, with a clock
// the test moves by hand. Messages become invisible when received and
// visible again when their timeout passes or it is set to 0, like SQS.
// The consumer's thread drives it through poll(); tests inspect it from
// their own thread, so every member locks.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sqs_operations.h"

namespace sluice::sqs::testing_support {

class FakeClock {
 public:
  using Clock = std::chrono::steady_clock;
  Clock::time_point now() const { return Clock::time_point(std::chrono::milliseconds(offset_ms_.load())); }
  void advance(std::chrono::milliseconds by) { offset_ms_ += by.count(); }

 private:
  std::atomic<long long> offset_ms_{1'000'000};
};

struct VisibilityChange {
  std::string receipt_handle;
  int timeout = 0;
};

class FakeSqs final : public SqsOperations {
 public:
  explicit FakeSqs(FakeClock& clock, int queue_visibility_timeout = 30)
      : clock_(clock), default_timeout_(queue_visibility_timeout) {}

  // --- what the test does ---------------------------------------------
  void send(std::string body);
  // The next DeleteMessageBatch fails these entries (by position): with
  // SenderFault false as a passing server fault would, or true as SQS does
  // when it blames the request.
  void fail_next_delete_entries(std::vector<std::size_t> positions, bool sender_fault = false);
  // The next call of `action` fails as a whole with `error`.
  void fail_next_call(SqsAction action, Status error);
  // While held, DeleteMessageBatch calls get no answer (a slow server);
  // releasing answers them all at the next poll.
  void hold_deletes(bool held);
  // Empty receives answer at once instead of after a short long poll, like
  // wait_time_seconds 0 or an endpoint that does not long-poll.
  void answer_empty_receives_at_once(bool at_once);
  // The next receive answers exactly these messages (whatever the queue holds).
  void script_next_receive(std::vector<Message> messages);
  int receive_calls() const;
  // How many polls returned at once, neither woken nor with anything to answer.
  int idle_polls_that_did_not_wait() const;

  std::size_t visible_count() const;
  std::size_t deleted_count() const;
  bool is_deleted(const std::string& body) const;
  int receive_count_of(const std::string& body) const;
  std::vector<std::vector<std::string>> delete_calls() const;  // receipt handles per call
  std::vector<VisibilityChange> visibility_changes() const;
  int max_receives_in_flight() const;

  // --- SqsOperations ----------------------------------------------------
  void receive(const ReceiveRequest& request, Completion<std::vector<Message>> done) override;
  void delete_batch(std::vector<BatchEntry> entries, Completion<BatchResult> done) override;
  void change_visibility_batch(std::vector<BatchEntry> entries, Completion<BatchResult> done) override;
  void get_queue_attributes(std::vector<std::string> names, Completion<QueueAttributes> done) override;
  void cancel_receives() override;
  void poll(std::chrono::milliseconds max_wait) override;
  void wake() override;
  bool idle() const override;

 private:
  struct StoredMessage {
    std::string id;
    std::string body;
    int receive_count = 0;
    FakeClock::Clock::time_point visible_at;
    std::string receipt_handle;  // the latest; older ones are invalid
    bool deleted = false;
  };

  struct PendingReceive {
    ReceiveRequest request;
    Completion<std::vector<Message>> done;
    std::chrono::steady_clock::time_point real_deadline;  // end of the emulated long poll
    bool cancelled = false;
  };

  using Reply = std::function<void()>;

  void collect_replies(std::vector<Reply>& replies);
  bool complete_receive(PendingReceive& pending, std::vector<Reply>& replies);
  StoredMessage* by_handle(const std::string& receipt_handle);
  std::optional<Status> scripted_failure(SqsAction action);

  FakeClock& clock_;
  int default_timeout_;
  mutable std::mutex mutex_;
  std::condition_variable activity_;
  bool woken_ = false;
  std::vector<StoredMessage> messages_;
  std::deque<PendingReceive> receives_;
  std::vector<Reply> replies_;  // completions due at the next poll
  bool deletes_held_ = false;
  std::vector<Reply> held_delete_replies_;
  int idle_polls_that_did_not_wait_ = 0;
  bool empty_receives_at_once_ = false;
  std::optional<std::vector<Message>> scripted_receive_;
  int receive_calls_ = 0;
  std::map<SqsAction, Status> call_failures_;
  std::vector<std::size_t> delete_entry_failures_;
  bool delete_failures_blame_sender_ = false;
  std::vector<std::vector<std::string>> delete_calls_;
  std::vector<VisibilityChange> visibility_changes_;
  int max_receives_in_flight_ = 0;
  int next_handle_ = 0;
};

// Polls `condition` until it holds or `limit` passes; true when it held.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds limit = std::chrono::seconds(10));

}  // namespace sluice::sqs::testing_support
