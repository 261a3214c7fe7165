// The queue model, with time passed in by hand.
#include "queue.h"

#include <gtest/gtest.h>

#include <set>

namespace sqs_server {
namespace {

using namespace std::chrono_literals;

const Clock::time_point t0 = Clock::time_point(100h);

class QueueTest : public testing::Test {
 protected:
  Queue queue{"q", 42, 30s};
};

TEST_F(QueueTest, HandsOutMessagesInOrderWithTheirAttributes) {
  auto id = queue.send("one", 1700000000123);
  queue.send("two", 1700000000456);
  auto received = queue.receive(10, 30s, t0);
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[0].message_id, id);
  EXPECT_EQ(received[0].body, "one");
  EXPECT_EQ(received[0].sent_timestamp_ms, 1700000000123);
  EXPECT_EQ(received[0].receive_count, 1u);
  EXPECT_EQ(received[0].body_md5, "f97c5d29941bfb1b2fdab0874906ab82");  // md5("one")
  EXPECT_EQ(received[1].body, "two");
  EXPECT_NE(received[0].receipt_handle, received[1].receipt_handle);
}

TEST_F(QueueTest, ReceivesAtMostTheAskedNumber) {
  for (int i = 0; i < 25; ++i) queue.send("m" + std::to_string(i), 0);
  EXPECT_EQ(queue.receive(10, 30s, t0).size(), 10u);
  EXPECT_EQ(queue.receive(10, 30s, t0).size(), 10u);
  EXPECT_EQ(queue.receive(10, 30s, t0).size(), 5u);
  EXPECT_TRUE(queue.receive(10, 30s, t0).empty());
  EXPECT_EQ(queue.counts(t0).in_flight, 25u);
  EXPECT_EQ(queue.counts(t0).visible, 0u);
}

TEST_F(QueueTest, AMessageNotDeletedReappearsAfterItsVisibilityTimeout) {
  queue.send("again", 0);
  auto first = queue.receive(10, 5s, t0);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_TRUE(queue.receive(10, 5s, t0 + 4999ms).empty());
  EXPECT_EQ(queue.next_reappearance(), t0 + 5s);
  auto second = queue.receive(10, 5s, t0 + 5s);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].message_id, first[0].message_id);
  EXPECT_EQ(second[0].receive_count, 2u);
  EXPECT_NE(second[0].receipt_handle, first[0].receipt_handle);
}

TEST_F(QueueTest, DeletingWithTheLatestHandleRemovesTheMessage) {
  queue.send("gone", 0);
  auto received = queue.receive(10, 5s, t0);
  EXPECT_EQ(queue.remove(received[0].receipt_handle), HandleVerdict::kDone);
  EXPECT_TRUE(queue.receive(10, 5s, t0 + 1h).empty());
  EXPECT_EQ(queue.counts(t0 + 1h).visible + queue.counts(t0 + 1h).in_flight, 0u);
  // A second delete of the same message succeeds, as in SQS.
  EXPECT_EQ(queue.remove(received[0].receipt_handle), HandleVerdict::kDone);
}

TEST_F(QueueTest, AStaleHandleDeletesNothing) {
  queue.send("kept", 0);
  auto first = queue.receive(10, 5s, t0);
  auto second = queue.receive(10, 5s, t0 + 5s);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(queue.remove(first[0].receipt_handle), HandleVerdict::kDone);  // accepted, like SQS...
  EXPECT_EQ(queue.counts(t0 + 5s).in_flight, 1u);                          // ...without effect
  EXPECT_EQ(queue.change_visibility(first[0].receipt_handle, 0s, t0 + 5s), HandleVerdict::kNotInFlight);
}

TEST_F(QueueTest, HandlesOfAnotherQueueOrMadeUpAreInvalid) {
  Queue other("other", 43, 30s);
  other.send("x", 0);
  auto foreign = other.receive(1, 30s, t0);
  queue.send("y", 0);
  EXPECT_EQ(queue.remove(foreign[0].receipt_handle), HandleVerdict::kInvalid);
  EXPECT_EQ(queue.remove("not-a-handle"), HandleVerdict::kInvalid);
  EXPECT_EQ(queue.change_visibility("2a.ffff.1", 0s, t0), HandleVerdict::kInvalid);  // never sent
}

TEST_F(QueueTest, VisibilityZeroReleasesAtOnceAndLongerExtends) {
  queue.send("a", 0);
  queue.send("b", 0);
  auto received = queue.receive(10, 10s, t0);
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(queue.change_visibility(received[0].receipt_handle, 0s, t0 + 1s), HandleVerdict::kDone);
  EXPECT_EQ(queue.change_visibility(received[1].receipt_handle, 60s, t0 + 1s), HandleVerdict::kDone);
  auto again = queue.receive(10, 10s, t0 + 1s);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].body, "a");
  EXPECT_EQ(queue.remove(again[0].receipt_handle), HandleVerdict::kDone);
  EXPECT_TRUE(queue.receive(10, 10s, t0 + 30s).empty());  // b extended to t0 + 61 s
  auto b = queue.receive(10, 10s, t0 + 61s);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].body, "b");
}

TEST_F(QueueTest, WaitersAreWokenBySendsAndReleases) {
  int woken = 0;
  auto id = queue.add_waiter([&] { ++woken; });
  queue.send("hello", 0);
  EXPECT_EQ(woken, 1);
  queue.send("again", 0);
  EXPECT_EQ(woken, 1);  // once per registration
  queue.add_waiter([&] { ++woken; });
  auto received = queue.receive(1, 30s, t0);
  queue.change_visibility(received[0].receipt_handle, 0s, t0);
  EXPECT_EQ(woken, 2);
  auto forgotten = queue.add_waiter([&] { ++woken; });
  queue.remove_waiter(forgotten);
  queue.send("third", 0);
  EXPECT_EQ(woken, 2);
  (void)id;
}

// Receiving, deleting and extending cost the same per message with a
// hundred thousand in flight: count the stored messages each call looks at.
TEST_F(QueueTest, CostPerMessageStaysFlatWithAHundredThousandInFlight) {
  constexpr int kMessages = 100000;
  for (int i = 0; i < kMessages + 10; ++i) queue.send("m", 0);
  std::vector<std::string> handles;
  for (int i = 0; i < kMessages / 10; ++i) {
    for (auto& m : queue.receive(10, 300s, t0)) handles.push_back(std::move(m.receipt_handle));
  }
  ASSERT_EQ(queue.counts(t0).in_flight, static_cast<std::size_t>(kMessages));

  auto before = queue.entries_visited();
  EXPECT_EQ(queue.receive(10, 300s, t0 + 1s).size(), 10u);
  EXPECT_EQ(queue.entries_visited() - before, 10u);

  before = queue.entries_visited();
  for (int i = 0; i < 10; ++i) EXPECT_EQ(queue.remove(handles[i]), HandleVerdict::kDone);
  EXPECT_EQ(queue.entries_visited() - before, 10u);

  before = queue.entries_visited();
  for (int i = 10; i < 20; ++i)
    EXPECT_EQ(queue.change_visibility(handles[i], 600s, t0 + 2s), HandleVerdict::kDone);
  EXPECT_EQ(queue.entries_visited() - before, 10u);

  before = queue.entries_visited();
  EXPECT_TRUE(queue.receive(10, 300s, t0 + 3s).empty());
  EXPECT_EQ(queue.counts(t0 + 3s).in_flight, static_cast<std::size_t>(kMessages));
  EXPECT_EQ(queue.entries_visited() - before, 0u);
}

}  // namespace
}  // namespace sqs_server
