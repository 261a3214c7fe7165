#include "periodic_task.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace sluice::core {
namespace {

using namespace std::chrono_literals;

void wait_for(const std::atomic<int>& runs, int at_least) {
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (runs.load() < at_least && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(1ms);
}

TEST(PeriodicTask, RunsAtOnceThenEveryPeriodUntilDestroyed) {
  std::atomic<int> runs{0};
  {
    PeriodicTask task(5ms, PeriodicTask::Start::kAtOnce, [&] { ++runs; });
    wait_for(runs, 3);
  }
  int after_stop = runs.load();
  EXPECT_GE(after_stop, 3);
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(runs.load(), after_stop);
}

TEST(PeriodicTask, CanWaitOnePeriodBeforeTheFirstRun) {
  std::atomic<int> runs{0};
  {
    PeriodicTask task(10s, PeriodicTask::Start::kAfterOnePeriod, [&] { ++runs; });
    std::this_thread::sleep_for(20ms);
  }  // stopped long before its first period ended
  EXPECT_EQ(runs.load(), 0);
}

}  // namespace
}  // namespace sluice::core
