#include "settlement_queue.h"

#include <gtest/gtest.h>

namespace sluice::sqs {
namespace {

using namespace std::chrono_literals;
using Clock = SettlementQueue::Clock;

const Clock::time_point t0 = Clock::time_point(100h);

TEST(SettlementQueue, HandsOutBatchesOfTenInArrivalOrder) {
  SettlementQueue queue(CountedRetries{});
  for (int i = 0; i < 23; ++i) queue.push("rh" + std::to_string(i), "m");
  auto first = queue.take_batch(t0);
  ASSERT_EQ(first.size(), 10u);
  EXPECT_EQ(first[0].receipt_handle, "rh0");
  EXPECT_EQ(queue.take_batch(t0).size(), 10u);
  EXPECT_EQ(queue.take_batch(t0).size(), 3u);
  EXPECT_TRUE(queue.empty());
}

TEST(SettlementQueue, FailedEntriesWaitTheirBackoffAndAreGivenUpAtLast) {
  SettlementQueue queue(CountedRetries{2, 100ms, 100ms});
  queue.push("rh", "m");
  auto batch = queue.take_batch(t0);
  for (int round = 0; round < 2; ++round) {
    EXPECT_TRUE(queue.retry_later(std::move(batch), t0).empty());
    ASSERT_TRUE(queue.next_ready().has_value());
    EXPECT_LE(*queue.next_ready(), t0 + 100ms);
    batch = queue.take_batch(t0 + 100ms);
    ASSERT_EQ(batch.size(), 1u);
  }
  auto given_up = queue.retry_later(std::move(batch), t0);
  ASSERT_EQ(given_up.size(), 1u);
  EXPECT_EQ(given_up[0].receipt_handle, "rh");
  EXPECT_TRUE(queue.empty());
}

TEST(SettlementQueue, RetriesWaitingTheirBackoffDoNotHoldUpFreshEntries) {
  SettlementQueue queue(CountedRetries{4, 1000ms, 1000ms});
  for (int i = 0; i < 10; ++i) queue.push("old" + std::to_string(i), "m");
  EXPECT_TRUE(queue.retry_later(queue.take_batch(t0), t0).empty());
  queue.push("new", "m");
  auto batch = queue.take_batch(t0);
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch[0].receipt_handle, "new");
  EXPECT_EQ(queue.size(), 10u);
  ASSERT_TRUE(queue.next_ready().has_value());
  EXPECT_GE(*queue.next_ready(), t0 + 500ms);
  EXPECT_EQ(queue.take_batch(t0 + 1000ms).size(), 10u);
  EXPECT_TRUE(queue.empty());
}

// The backoff itself is support::EqualJitterBackoff (sdk/tests/support_test.cpp);
// these pin the waits sqs's retry policies produce through it.
TEST(CountedRetries, WaitsBetweenHalfAndAllOfTheExponentialCeiling) {
  const CountedRetries policy{10, 100ms, 1000ms};
  auto backoff = policy.backoff(42);
  for (int retry = 0; retry < 10; ++retry) {
    auto ceiling = std::min(1000ms, 100ms * (1 << retry));
    for (int sample = 0; sample < 50; ++sample) {
      auto delay = backoff.delay(retry);
      EXPECT_GE(delay, ceiling / 2);
      EXPECT_LE(delay, ceiling);
    }
  }
  EXPECT_TRUE(policy.allows_retry(9));
  EXPECT_FALSE(policy.allows_retry(10));
}

TEST(CountedRetries, NeverRetriesAtOnceEvenWithAZeroBaseDelay) {
  auto backoff = CountedRetries{5, 0ms, 0ms}.backoff(3);
  for (int retry = 0; retry < 5; ++retry)
    EXPECT_GE(backoff.delay(retry), support::EqualJitterBackoff::kMinDelay);
}

TEST(CountedRetries, DoesNotOverflowForLargeRetryCounts) {
  auto backoff = CountedRetries{1000, 100ms, 20000ms}.backoff(7);
  EXPECT_LE(backoff.delay(500), 20000ms);
}

}  // namespace
}  // namespace sluice::sqs
