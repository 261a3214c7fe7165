#include "receive_pacer.h"

#include <gtest/gtest.h>

namespace sluice::sqs {
namespace {

using namespace std::chrono_literals;
using Clock = ReceivePacer::Clock;

const Clock::time_point t0 = Clock::time_point(100h);

TEST(ReceivePacer, LetsEveryReceiveGoWhileRepliesBringMessages) {
  ReceivePacer pacer;
  pacer.on_reply(false, t0, t0 + 1ms);
  EXPECT_EQ(pacer.allowed_in_flight(16, t0 + 1ms), 16);
  EXPECT_EQ(pacer.held_until(), std::nullopt);
}

TEST(ReceivePacer, BacksOffAfterEmptyRepliesThatCameAtOnce) {
  ReceivePacer pacer;
  pacer.on_reply(true, t0, t0 + 1ms);
  EXPECT_EQ(pacer.allowed_in_flight(16, t0 + 1ms), 0);
  EXPECT_EQ(pacer.held_until(), t0 + 1ms + ReceivePacer::kMinDelay);
  // Then one receive at a time probes the queue.
  EXPECT_EQ(pacer.allowed_in_flight(16, t0 + 1ms + ReceivePacer::kMinDelay), 1);
}

TEST(ReceivePacer, TheDelayDoublesUpToItsCap) {
  ReceivePacer pacer;
  auto now = t0;
  std::chrono::milliseconds expected = ReceivePacer::kMinDelay;
  for (int reply = 0; reply < 20; ++reply) {
    pacer.on_reply(true, now, now);
    EXPECT_EQ(*pacer.held_until() - now, expected);
    now = *pacer.held_until();
    expected = std::min(expected * 2, ReceivePacer::kMaxDelay);
  }
  EXPECT_EQ(expected, ReceivePacer::kMaxDelay);
}

TEST(ReceivePacer, AnEmptyReplyAfterARealLongPollDoesNotPace) {
  ReceivePacer pacer;
  pacer.on_reply(true, t0, t0 + 20s);
  EXPECT_EQ(pacer.allowed_in_flight(4, t0 + 20s), 4);
}

TEST(ReceivePacer, MessagesLiftTheBackOff) {
  ReceivePacer pacer;
  for (int i = 0; i < 5; ++i) pacer.on_reply(true, t0, t0);
  pacer.on_reply(false, t0 + 2s, t0 + 2s);
  EXPECT_EQ(pacer.allowed_in_flight(4, t0 + 2s), 4);
}

}  // namespace
}  // namespace sluice::sqs
