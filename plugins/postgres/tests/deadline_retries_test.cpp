#include "deadline_retries.h"

#include <gtest/gtest.h>

namespace sluice::postgres {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

TEST(DeadlineRetries, BacksOffUpToTheMaximum) {
  RetryOptions options{milliseconds(100), milliseconds(1000), milliseconds(0)};
  Clock::time_point start{};
  DeadlineRetries policy(options, start, 42);
  milliseconds previous_ceiling(100);
  for (int i = 0; i < 20; ++i) {
    auto delay = policy.next_delay(start);
    ASSERT_TRUE(delay.has_value());
    EXPECT_GE(*delay, previous_ceiling / 2);
    EXPECT_LE(*delay, previous_ceiling);
    previous_ceiling = std::min(previous_ceiling * 2, milliseconds(1000));
  }
}

TEST(DeadlineRetries, TheMaximumWinsOverALargerInitialWait) {
  RetryOptions options{milliseconds(5000), milliseconds(400), milliseconds(0)};
  Clock::time_point start{};
  DeadlineRetries policy(options, start, 11);
  for (int i = 0; i < 10; ++i) {
    auto delay = policy.next_delay(start);
    ASSERT_TRUE(delay.has_value());
    EXPECT_GE(*delay, milliseconds(200));
    EXPECT_LE(*delay, milliseconds(400));
  }
}

TEST(DeadlineRetries, EachWaitIsAtLeastTenMilliseconds) {
  RetryOptions options{milliseconds(1), milliseconds(1), milliseconds(0)};
  Clock::time_point start{};
  DeadlineRetries policy(options, start, 5);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(policy.next_delay(start), milliseconds(10));
}

TEST(DeadlineRetries, ZeroMeansRetryForever) {
  RetryOptions options{milliseconds(10), milliseconds(20), milliseconds(0)};
  Clock::time_point start{};
  DeadlineRetries policy(options, start, 1);
  EXPECT_TRUE(policy.next_delay(start + std::chrono::hours(24 * 365)).has_value());
}

TEST(DeadlineRetries, GivesUpOnceTheTimeIsSpent) {
  RetryOptions options{milliseconds(100), milliseconds(1000), milliseconds(5000)};
  Clock::time_point start{};
  DeadlineRetries policy(options, start, 7);
  EXPECT_TRUE(policy.next_delay(start + milliseconds(4000)).has_value());
  EXPECT_FALSE(policy.next_delay(start + milliseconds(5000)).has_value());
}

TEST(DeadlineRetries, NeverWaitsPastTheDeadline) {
  RetryOptions options{milliseconds(1000), milliseconds(1000), milliseconds(5000)};
  Clock::time_point start{};
  DeadlineRetries policy(options, start, 7);
  auto delay = policy.next_delay(start + milliseconds(4900));
  ASSERT_TRUE(delay.has_value());
  EXPECT_LE(*delay, milliseconds(100));
}

TEST(DeadlineRetries, CountsAttempts) {
  DeadlineRetries policy(RetryOptions{milliseconds(100), milliseconds(1000), milliseconds(0)},
                         Clock::time_point{}, 3);
  policy.next_delay(Clock::time_point{});
  policy.next_delay(Clock::time_point{});
  EXPECT_EQ(policy.attempts(), 2);
}

}  // namespace
}  // namespace sluice::postgres
