#include "in_flight_ledger_internal.h"

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

}  // namespace
}  // namespace sluice::sqs
