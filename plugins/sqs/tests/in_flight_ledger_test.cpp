#include "in_flight_ledger.h"

#include <gtest/gtest.h>

namespace sluice::sqs {
namespace {

using namespace std::chrono_literals;
using Clock = InFlightLedger::Clock;

const Clock::time_point t0 = Clock::time_point(100h);

TEST(InFlightLedger, NothingIsDueBeforeHalfTheTimeout) {
  InFlightLedger ledger(30s);
  ledger.add("rh", "m", t0);
  EXPECT_TRUE(ledger.take_due_extensions(t0 + 14s, 10).empty());
  EXPECT_EQ(ledger.next_extension_due(), t0 + 15s);
}

TEST(InFlightLedger, ExtendsByTheFullTimeoutOnceHalfIsGone) {
  InFlightLedger ledger(30s);
  ledger.add("rh", "m", t0);
  auto due = ledger.take_due_extensions(t0 + 15s, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].receipt_handle, "rh");
  EXPECT_EQ(due[0].visibility_timeout, 30);
  // While in flight it is not offered again.
  EXPECT_TRUE(ledger.take_due_extensions(t0 + 20s, 10).empty());
  ledger.extension_succeeded("rh", t0 + 15s, 30);
  EXPECT_EQ(ledger.next_extension_due(), t0 + 30s);
}

TEST(InFlightLedger, BatchesAtMostTheAskedNumberWithUniqueIds) {
  InFlightLedger ledger(10s);
  for (int i = 0; i < 25; ++i) ledger.add("rh" + std::to_string(i), "m", t0);
  auto first = ledger.take_due_extensions(t0 + 6s, 10);
  auto second = ledger.take_due_extensions(t0 + 6s, 10);
  auto third = ledger.take_due_extensions(t0 + 6s, 10);
  EXPECT_EQ(first.size(), 10u);
  EXPECT_EQ(second.size(), 10u);
  EXPECT_EQ(third.size(), 5u);
  EXPECT_EQ(first[9].id, "9");
}

TEST(InFlightLedger, AFailedExtensionIsRetriedLaterUnlessGivenUp) {
  InFlightLedger ledger(30s);
  ledger.add("a", "m1", t0);
  ledger.add("b", "m2", t0);
  ASSERT_EQ(ledger.take_due_extensions(t0 + 15s, 10).size(), 2u);
  ledger.extension_failed("a", t0 + 16s, /*give_up=*/false);
  ledger.extension_failed("b", t0 + 16s, /*give_up=*/true);
  EXPECT_TRUE(ledger.take_due_extensions(t0 + 15s, 10).empty());
  auto retried = ledger.take_due_extensions(t0 + 16s, 10);
  ASSERT_EQ(retried.size(), 1u);
  EXPECT_EQ(retried[0].receipt_handle, "a");
}

TEST(InFlightLedger, NeverAsksBeyondSqsTwelveHourLimit) {
  InFlightLedger ledger(3600s);
  ledger.add("rh", "m", t0);
  auto late = t0 + 12h - 600s;
  auto due = ledger.take_due_extensions(late, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].visibility_timeout, 600);
  ledger.extension_succeeded("rh", late, 600);
  EXPECT_TRUE(ledger.take_due_extensions(t0 + 12h, 10).empty());
  EXPECT_EQ(ledger.next_extension_due(), std::nullopt);
}

TEST(InFlightLedger, RemovedMessagesAreForgotten) {
  InFlightLedger ledger(30s);
  ledger.add("rh", "m", t0);
  EXPECT_EQ(*ledger.message_id("rh"), "m");
  EXPECT_TRUE(ledger.remove("rh"));
  EXPECT_FALSE(ledger.remove("rh"));
  EXPECT_EQ(ledger.message_id("rh"), nullptr);
  EXPECT_TRUE(ledger.take_due_extensions(t0 + 1h, 10).empty());
}

// The consumer asks on every turn of its loop; with a hundred thousand
// messages held, a turn must look at what is due, not at everything.
TEST(InFlightLedger, ATurnCostsTheSameWithAHundredThousandMessagesHeld) {
  constexpr int kHeld = 100000;
  InFlightLedger ledger(30s);
  for (int i = 0; i < kHeld; ++i) {
    ledger.add("rh" + std::to_string(i), "m" + std::to_string(i), t0 + std::chrono::microseconds(i));
  }
  ASSERT_EQ(ledger.size(), static_cast<std::size_t>(kHeld));

  // Nothing due: each turn looks at one entry at most, however many are held.
  auto before = ledger.entries_visited();
  for (int turn = 0; turn < 1000; ++turn) {
    EXPECT_TRUE(ledger.take_due_extensions(t0 + 1s, 10).empty());
    EXPECT_EQ(ledger.next_extension_due(), t0 + 15s);
  }
  EXPECT_LE(ledger.entries_visited() - before, 1000u);

  // Settling is O(log n) too: remove half, then the turn cost is unchanged.
  for (int i = 0; i < kHeld; i += 2) ASSERT_TRUE(ledger.remove("rh" + std::to_string(i)));
  before = ledger.entries_visited();
  EXPECT_TRUE(ledger.take_due_extensions(t0 + 1s, 10).empty());
  EXPECT_EQ(ledger.next_extension_due(), t0 + 15s + 1us);
  EXPECT_LE(ledger.entries_visited() - before, 1u);

  // As time passes, each turn visits only the batch it hands out.
  for (int turn = 0; turn < 100; ++turn) {
    before = ledger.entries_visited();
    auto due = ledger.take_due_extensions(t0 + 16s, 10);
    ASSERT_EQ(due.size(), 10u);
    EXPECT_EQ(ledger.entries_visited() - before, 10u);
    for (const auto& entry : due) ledger.extension_succeeded(entry.receipt_handle, t0 + 16s, 30);
  }
  EXPECT_EQ(ledger.size(), static_cast<std::size_t>(kHeld / 2));
}

TEST(InFlightLedger, AHandleAlreadyHeldIsNotAddedTwice) {
  InFlightLedger ledger(30s);
  EXPECT_TRUE(ledger.add("rh", "m1", t0));
  EXPECT_FALSE(ledger.add("rh", "m2", t0 + 5s));
  EXPECT_EQ(*ledger.message_id("rh"), "m1");
  EXPECT_EQ(ledger.size(), 1u);
  EXPECT_EQ(ledger.next_extension_due(), t0 + 15s);
}

}  // namespace
}  // namespace sluice::sqs
