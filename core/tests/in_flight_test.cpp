// The in-flight table acknowledges a batch exactly once, when its last row
// settles, with the outcome of every row.
#include "in_flight.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "sluice/plugin.h"

namespace sluice::core {
namespace {

struct Acks {
  std::vector<std::pair<uint64_t, std::vector<int8_t>>> received;
};
Acks* g_acks = nullptr;

sluice_status fake_next(void*, int32_t, ArrowSchema*, ArrowArray*, uint64_t*, sluice_error*) {
  return SLUICE_END;
}
sluice_status fake_ack(void*, uint64_t id, const int8_t* outcomes, int64_t n, sluice_error*) {
  g_acks->received.emplace_back(id, std::vector<int8_t>(outcomes, outcomes + n));
  return SLUICE_OK;
}
sluice_status fake_create(const sluice_host*, const char*, void** instance, sluice_error*) {
  *instance = nullptr;
  return SLUICE_OK;
}
void fake_destroy(void*) {}

const sluice_source_ops kOps{sizeof(sluice_source_ops), fake_next, fake_ack, nullptr};
const sluice_plugin kPlugin{sizeof(sluice_plugin), SLUICE_KIND_SOURCE, "fake", "0",     "",      "{}",
                            fake_create,           fake_destroy,       &kOps,  nullptr, nullptr, nullptr};

class InFlightTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_acks = &acks;
    StepSpec step;
    step.name = "source";
    auto created =
        PluginInstance::create(step, {&kPlugin, nullptr, "fake.so", 1, 0}, ConfigJson::object(), "p", false);
    ASSERT_TRUE(created.ok());
    source = std::move(created).value();
  }
  Acks acks;
  std::unique_ptr<PluginInstance> source;
};

TEST_F(InFlightTableTest, AcknowledgesOnceWhenTheLastRowSettles) {
  InFlightTable table(*source, 100);
  BatchRef batch = table.register_batch(42, 3);
  table.settle(batch, 0, SLUICE_ROW_DONE);
  table.settle(batch, 2, SLUICE_ROW_DEAD_LETTERED);
  EXPECT_TRUE(acks.received.empty());
  EXPECT_EQ(table.rows(), 3);
  table.settle(batch, 1, SLUICE_ROW_REJECTED);
  table.settle(batch, 1, SLUICE_ROW_DONE);  // already settled: ignored
  ASSERT_EQ(acks.received.size(), 1u);
  EXPECT_EQ(acks.received[0].first, 42u);
  EXPECT_EQ(acks.received[0].second,
            (std::vector<int8_t>{SLUICE_ROW_DONE, SLUICE_ROW_REJECTED, SLUICE_ROW_DEAD_LETTERED}));
  EXPECT_EQ(table.rows(), 0);
}

TEST_F(InFlightTableTest, SettleAllFailsOnlyPendingRows) {
  InFlightTable table(*source, 100);
  BatchRef batch = table.register_batch(7, 2);
  table.settle(batch, 0, SLUICE_ROW_DONE);
  table.settle_all(SLUICE_ROW_FAILED);
  ASSERT_EQ(acks.received.size(), 1u);
  EXPECT_EQ(acks.received[0].second, (std::vector<int8_t>{SLUICE_ROW_DONE, SLUICE_ROW_FAILED}));
}

TEST_F(InFlightTableTest, WaitForRoomReturnsFalseWhenStopped) {
  InFlightTable table(*source, 2);
  table.register_batch(1, 2);
  std::atomic<bool> stop{true};
  EXPECT_FALSE(table.wait_for_room(stop));
}

TEST_F(InFlightTableTest, ABatchIsAdmittedOnlyIfItFitsUnderTheLimit) {
  InFlightTable table(*source, 10);
  EXPECT_TRUE(table.has_room_for(25));  // nothing in flight: even an oversized batch
  BatchRef first = table.register_batch(1, 6);
  EXPECT_TRUE(table.has_room_for(4));
  EXPECT_FALSE(table.has_room_for(5));  // 6 + 5 would exceed 10
  table.settle(first, 0, SLUICE_ROW_DONE);
  EXPECT_FALSE(table.has_room_for(5));  // a batch leaves only when all its rows settle
  for (int64_t row = 1; row < 6; ++row) table.settle(first, row, SLUICE_ROW_DONE);
  EXPECT_TRUE(table.has_room_for(10));
}

TEST_F(InFlightTableTest, WaitingForTheNextBatchAssumesTheLargestSoFar) {
  InFlightTable table(*source, 10);
  BatchRef batch = table.register_batch(1, 6);
  std::atomic<bool> stop{false};
  std::atomic<bool> admitted{false};
  // 6 in flight and batches of 6: the next one would make 12, so it waits,
  // where the old check (6 < 10) let it in.
  std::thread taker([&] { admitted = table.wait_for_room(stop); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(admitted.load());
  EXPECT_TRUE(table.blocked());
  for (int64_t row = 0; row < 6; ++row) table.settle(batch, row, SLUICE_ROW_DONE);
  taker.join();
  EXPECT_TRUE(admitted.load());
}

}  // namespace
}  // namespace sluice::core
