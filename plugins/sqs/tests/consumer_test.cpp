// The consumer engine against an in-memory queue: what leaves the queue,
// what comes back, and when.
#include "consumer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <set>
#include <thread>

#include "fake_sqs.h"

namespace sluice::sqs {
namespace {

using namespace std::chrono_literals;
using testing_support::eventually;
using testing_support::FakeClock;
using testing_support::FakeSqs;

class ConsumerTest : public testing::Test {
 protected:
  void start(ConsumerSettings settings = {}) {
    auto sqs = std::make_unique<FakeSqs>(clock, 30);
    fake = sqs.get();
    for (const auto& body : pending_bodies) fake->send(body);
    auto logger = [this](support::LogLevel level, const std::string& message) {
      if (level != support::LogLevel::kWarn) return;
      std::lock_guard lock(log_mutex);
      warnings.push_back(message);
    };
    consumer = std::make_unique<Consumer>(std::move(sqs), settings, logger, support::Counter{},
                                          [this] { return clock.now(); });
  }

  std::vector<std::string> warnings_logged() {
    std::lock_guard lock(log_mutex);
    return warnings;
  }

  static ConsumerSettings settings_with(int concurrency, int max_messages, bool drain = false) {
    ConsumerSettings settings;
    settings.concurrency = concurrency;
    settings.receive = ReceiveRequest{max_messages, 1, std::nullopt};
    settings.drain = drain;
    return settings;
  }

  void send_numbered(int n) {
    for (int i = 0; i < n; ++i) pending_bodies.push_back("body-" + std::to_string(i));
  }

  // Takes until `n` messages arrived (or a generous limit passed).
  std::vector<Message> take_at_least(std::size_t n) {
    std::vector<Message> taken;
    eventually([&] {
      auto result = consumer->take(100, 50ms);
      for (auto& message : result.messages) taken.push_back(std::move(message));
      return taken.size() >= n;
    });
    return taken;
  }

  // Lets fake time pass (backoffs, timeouts) until `condition` holds.
  bool advance_until(const std::function<bool()>& condition) {
    return eventually([&] {
      clock.advance(250ms);
      fake->wake();
      return condition();
    });
  }

  void TearDown() override {
    // Whatever is still waiting on a backoff gives up at close's deadline.
    clock.advance(1h);
    consumer.reset();
  }

  // Takes until something other than a timeout comes back. Fake time moves
  // first, so that receives sent before this call count as earlier, and
  // keeps moving as real time would while receives wait (an empty reply
  // that took no time at all makes the consumer pace its receives).
  TakeResult take_until_verdict() {
    clock.advance(1ms);
    TakeResult result;
    eventually([&] {
      clock.advance(100ms);
      fake->wake();
      result = consumer->take(100, 50ms);
      return result.kind != TakeResult::Kind::kTimedOut;
    });
    return result;
  }

  static std::vector<Settlement> settle_all(const std::vector<Message>& messages, Disposition disposition) {
    std::vector<Settlement> settlements;
    for (const auto& message : messages) settlements.push_back({message.receipt_handle, disposition});
    return settlements;
  }

  FakeClock clock;
  std::mutex log_mutex;
  std::vector<std::string> warnings;
  std::vector<std::string> pending_bodies;
  FakeSqs* fake = nullptr;
  std::unique_ptr<Consumer> consumer;
};

TEST_F(ConsumerTest, HandsOutEveryMessageOnce) {
  send_numbered(57);
  start(settings_with(3, 10));
  auto taken = take_at_least(57);
  std::set<std::string> bodies;
  for (const auto& message : taken) bodies.insert(message.body);
  EXPECT_EQ(taken.size(), 57u);
  EXPECT_EQ(bodies.size(), 57u);
}

TEST_F(ConsumerTest, KeepsAtMostConcurrencyReceivesInFlight) {
  send_numbered(200);
  start(settings_with(3, 2));
  take_at_least(200);
  EXPECT_LE(fake->max_receives_in_flight(), 3);
  EXPECT_GE(fake->max_receives_in_flight(), 1);
}

TEST_F(ConsumerTest, DeletesOnlyAcknowledgedMessages) {
  send_numbered(5);
  start(settings_with(1, 10));
  auto taken = take_at_least(5);
  ASSERT_EQ(taken.size(), 5u);
  consumer->settle(settle_all({taken.begin(), taken.begin() + 3}, Disposition::kDelete));
  ASSERT_TRUE(eventually([&] { return fake->deleted_count() == 3; }));
  consumer->close();
  EXPECT_EQ(fake->deleted_count(), 3u);
  EXPECT_FALSE(fake->is_deleted(taken[3].body));
  EXPECT_FALSE(fake->is_deleted(taken[4].body));
}

TEST_F(ConsumerTest, ReleasedMessagesAreOfferedAgain) {
  pending_bodies = {"retry-me"};
  start(settings_with(1, 10));
  auto first = take_at_least(1);
  ASSERT_EQ(first.size(), 1u);
  consumer->settle(settle_all(first, Disposition::kRelease));
  auto second = take_at_least(1);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].body, "retry-me");
  EXPECT_EQ(second[0].receive_count, 2);
  auto changes = fake->visibility_changes();
  ASSERT_FALSE(changes.empty());
  EXPECT_EQ(changes.front().receipt_handle, first[0].receipt_handle);
  EXPECT_EQ(changes.front().timeout, 0);
}

TEST_F(ConsumerTest, ExtendsTheVisibilityOfMessagesStillHeld) {
  pending_bodies = {"slow"};
  start(settings_with(1, 10));
  auto taken = take_at_least(1);
  ASSERT_EQ(taken.size(), 1u);
  clock.advance(20s);  // past half of the 30 s timeout
  ASSERT_TRUE(eventually([&] { return !fake->visibility_changes().empty(); }));
  auto change = fake->visibility_changes().front();
  EXPECT_EQ(change.receipt_handle, taken[0].receipt_handle);
  EXPECT_EQ(change.timeout, 30);
  clock.advance(15s);  // 35 s after receipt: without the extension it would be visible
  EXPECT_EQ(fake->visible_count(), 0u);
  EXPECT_EQ(consumer->take(10, 100ms).kind, TakeResult::Kind::kTimedOut);
}

TEST_F(ConsumerTest, AbandonedMessagesAreNeitherDeletedNorExtended) {
  pending_bodies = {"poison"};
  start(settings_with(1, 10));
  auto taken = take_at_least(1);
  consumer->settle(settle_all(taken, Disposition::kAbandon));
  clock.advance(20s);
  consumer->close();
  EXPECT_EQ(fake->deleted_count(), 0u);
  EXPECT_TRUE(fake->visibility_changes().empty());
  EXPECT_EQ(fake->visible_count(), 0u);  // left to its timeout, and the redrive policy
  clock.advance(11s);
  EXPECT_EQ(fake->visible_count(), 1u);
}

TEST_F(ConsumerTest, RetriesOnlyTheFailedEntriesOfABatchDelete) {
  send_numbered(4);
  start(settings_with(1, 10));
  auto taken = take_at_least(4);
  ASSERT_EQ(taken.size(), 4u);
  fake->fail_next_delete_entries({1, 3});
  consumer->settle(settle_all(taken, Disposition::kDelete));
  ASSERT_TRUE(advance_until([&] { return fake->deleted_count() == 4; }));
  auto calls = fake->delete_calls();
  ASSERT_GE(calls.size(), 2u);
  EXPECT_EQ(calls[0].size(), 4u);
  // Each failed entry waits its own jittered backoff, so the retries may
  // come in one call or two; either way they hold only the failed entries.
  std::vector<std::string> retried;
  for (std::size_t i = 1; i < calls.size(); ++i)
    retried.insert(retried.end(), calls[i].begin(), calls[i].end());
  std::sort(retried.begin(), retried.end());
  std::vector<std::string> failed{taken[1].receipt_handle, taken[3].receipt_handle};
  std::sort(failed.begin(), failed.end());
  EXPECT_EQ(retried, failed);
}

// Behind a distant or slow endpoint every delete slot can be busy while more
// deletes wait: the loop must sleep until a call answers, not spin.
TEST_F(ConsumerTest, WaitsInsteadOfSpinningWhileEveryDeleteSlotIsBusy) {
  send_numbered(200);
  start(settings_with(4, 10));
  auto taken = take_at_least(200);
  ASSERT_EQ(taken.size(), 200u);
  fake->hold_deletes(true);
  consumer->settle(settle_all(taken, Disposition::kDelete));  // 20 batches for 8 slots
  ASSERT_TRUE(eventually([&] { return fake->delete_calls().size() == 8; }));
  std::this_thread::sleep_for(200ms);
  EXPECT_LT(fake->idle_polls_that_did_not_wait(), 20);
  fake->hold_deletes(false);
  ASSERT_TRUE(eventually([&] { return fake->deleted_count() == 200; }));
}

TEST_F(ConsumerTest, DoesNotRetryEntriesSqsBlamesOnTheRequest) {
  send_numbered(2);
  start(settings_with(1, 10));
  auto taken = take_at_least(2);
  ASSERT_EQ(taken.size(), 2u);
  fake->fail_next_delete_entries({0}, /*sender_fault=*/true);
  consumer->settle(settle_all(taken, Disposition::kDelete));
  ASSERT_TRUE(eventually([&] { return fake->deleted_count() == 1; }));
  clock.advance(1min);  // far past any backoff
  consumer->close();
  EXPECT_EQ(fake->delete_calls().size(), 1u);
  EXPECT_FALSE(fake->is_deleted(taken[0].body));
}

TEST_F(ConsumerTest, IgnoresASecondSettlementOfTheSameMessage) {
  send_numbered(2);
  start(settings_with(1, 10));
  auto taken = take_at_least(2);
  consumer->settle(settle_all(taken, Disposition::kDelete));
  ASSERT_TRUE(eventually([&] { return fake->deleted_count() == 2; }));
  consumer->settle({{taken[0].receipt_handle, Disposition::kRelease}});
  consumer->close();
  EXPECT_EQ(fake->delete_calls().size(), 1u);
  EXPECT_TRUE(fake->visibility_changes().empty());
}

TEST_F(ConsumerTest, RetriesAWholeDeleteThatFailed) {
  send_numbered(3);
  start(settings_with(1, 10));
  auto taken = take_at_least(3);
  fake->fail_next_call(SqsAction::kDeleteMessageBatch, make_error(ErrorKind::kServer, "HTTP 500"));
  consumer->settle(settle_all(taken, Disposition::kDelete));
  ASSERT_TRUE(advance_until([&] { return fake->deleted_count() == 3; }));
}

TEST_F(ConsumerTest, DrainingReportsTheQueueEmptyOnceEverythingIsTaken) {
  send_numbered(12);
  start(settings_with(2, 5, /*drain=*/true));
  auto taken = take_at_least(12);
  EXPECT_EQ(taken.size(), 12u);
  EXPECT_EQ(take_until_verdict().kind, TakeResult::Kind::kQueueEmpty);
}

TEST_F(ConsumerTest, DrainingNeverCallsTheQueueEmptyBeforeAReleaseIsDone) {
  pending_bodies = {"again"};
  start(settings_with(1, 10, /*drain=*/true));
  auto first = take_at_least(1);
  ASSERT_EQ(first.size(), 1u);
  consumer->settle(settle_all(first, Disposition::kRelease));
  auto verdict = take_until_verdict();
  ASSERT_EQ(verdict.kind, TakeResult::Kind::kMessages);
  EXPECT_EQ(verdict.messages[0].body, "again");
  consumer->settle(settle_all(verdict.messages, Disposition::kDelete));
  EXPECT_EQ(take_until_verdict().kind, TakeResult::Kind::kQueueEmpty);
  EXPECT_TRUE(fake->is_deleted("again"));
}

TEST_F(ConsumerTest, AReceiveFailureIsReportedToTheTaker) {
  start(settings_with(1, 10));
  fake->fail_next_call(SqsAction::kReceiveMessage,
                       make_error(ErrorKind::kQueueMissing, "queue http://q does not exist"));
  // Fake time moves while it waits: a receive that came back empty before the
  // failure was armed paces the next, and fake time moves only when told.
  const TakeResult result = take_until_verdict();
  ASSERT_EQ(result.kind, TakeResult::Kind::kFailed);
  EXPECT_EQ(error_kind(result.error), ErrorKind::kQueueMissing);
  EXPECT_EQ(result.error.message(), "queue http://q does not exist");
}

// With wait_time_seconds 0 (or an endpoint that does not long-poll) an empty
// queue answers at once: the consumer must pace its receives, not spin.
// Fake time stands still here, so a back-off, however short, stops them.
TEST_F(ConsumerTest, EmptyRepliesThatComeAtOnceAreNotRepeatedAtOnce) {
  auto settings = settings_with(8, 10);
  settings.receive.wait_time_seconds = 0;
  start(settings);
  fake->answer_empty_receives_at_once(true);
  ASSERT_TRUE(eventually([&] { return fake->receive_calls() >= 1; }));
  std::this_thread::sleep_for(300ms);
  EXPECT_LE(fake->receive_calls(), 8);

  // After the back-off one receive at a time probes the queue...
  auto probes = fake->receive_calls();
  clock.advance(2s);
  fake->wake();
  ASSERT_TRUE(eventually([&] { return fake->receive_calls() > probes; }));
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(fake->receive_calls(), probes + 1);

  // ...and once messages come back, receives run at full concurrency again.
  for (int i = 0; i < 200; ++i) fake->send("late-" + std::to_string(i));
  std::size_t taken = 0;
  EXPECT_TRUE(advance_until([&] {
    taken += consumer->take(100, 10ms).messages.size();
    return taken == 200;
  }));
}

TEST_F(ConsumerTest, AReceiptHandleAlreadyHeldIsWarnedAboutAndNotHandedOutTwice) {
  start(settings_with(1, 10));
  fake->script_next_receive({Message{"first-id", "same-handle", "a", 0, 1}});
  // As above: an empty receive before the script paces the next one.
  const TakeResult first = take_until_verdict();
  ASSERT_EQ(first.kind, TakeResult::Kind::kMessages);
  ASSERT_EQ(first.messages.size(), 1u);
  fake->script_next_receive({Message{"second-id", "same-handle", "b", 0, 1}});
  // Fake time moves, so that receives paced after empty replies go on.
  ASSERT_TRUE(advance_until([&] { return !warnings_logged().empty(); }));
  auto warning = warnings_logged().front();
  EXPECT_NE(warning.find("first-id"), std::string::npos) << warning;
  EXPECT_NE(warning.find("second-id"), std::string::npos) << warning;
  EXPECT_EQ(consumer->take(10, 100ms).kind, TakeResult::Kind::kTimedOut);
}

TEST_F(ConsumerTest, CloseFinishesQueuedDeletesFirst) {
  send_numbered(30);
  start(settings_with(2, 10));
  auto taken = take_at_least(30);
  consumer->settle(settle_all(taken, Disposition::kDelete));
  consumer->close();
  EXPECT_EQ(fake->deleted_count(), 30u);
}

TEST_F(ConsumerTest, CloseReleasesMessagesNobodyTook) {
  send_numbered(5);
  start(settings_with(1, 10));
  ASSERT_TRUE(eventually([&] { return fake->visible_count() == 0; }));  // prefetched, not taken
  consumer->close();
  EXPECT_EQ(fake->visible_count(), 5u);
  EXPECT_EQ(fake->deleted_count(), 0u);
}

TEST_F(ConsumerTest, AcknowledgementsMayComeFromAnotherThread) {
  send_numbered(300);
  start(settings_with(4, 10));
  std::mutex handoff_mutex;
  std::vector<Message> handoff;
  std::atomic<bool> done_taking{false};
  std::thread acker([&] {
    while (!done_taking || !handoff.empty()) {
      std::vector<Message> batch;
      {
        std::lock_guard lock(handoff_mutex);
        batch.swap(handoff);
      }
      consumer->settle(settle_all(batch, Disposition::kDelete));
      std::this_thread::sleep_for(1ms);
    }
  });
  std::size_t taken = 0;
  eventually([&] {
    auto result = consumer->take(50, 20ms);
    taken += result.messages.size();
    std::lock_guard lock(handoff_mutex);
    handoff.insert(handoff.end(), result.messages.begin(), result.messages.end());
    return taken >= 300;
  });
  done_taking = true;
  acker.join();
  EXPECT_EQ(taken, 300u);
  EXPECT_TRUE(eventually([&] { return fake->deleted_count() == 300; }));
}

}  // namespace
}  // namespace sluice::sqs
