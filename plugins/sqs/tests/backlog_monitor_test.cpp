#include "backlog_monitor.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace sluice::sqs {
namespace {

using namespace std::chrono_literals;

TEST(BacklogMonitor, AsksNothingUntilTheHostWantsAFigure) {
  std::atomic<int> asked{0};
  {
    BacklogMonitor monitor(
        [&]() -> std::optional<std::int64_t> {
          ++asked;
          return 5;
        },
        10ms);
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(asked.load(), 0);
}

TEST(BacklogMonitor, AnswersAtOnceAndKeepsTheFigureFresh) {
  std::atomic<std::int64_t> waiting{700};
  BacklogMonitor monitor([&] { return std::optional<std::int64_t>(waiting.load()); }, 10ms);
  auto first = monitor.latest();  // starts asking; may not have an answer yet
  EXPECT_TRUE(!first || *first == 700);
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (monitor.latest() != 700 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(5ms);
  EXPECT_EQ(monitor.latest(), 700);
  waiting = 0;
  while (monitor.latest() != 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(5ms);
  EXPECT_EQ(monitor.latest(), 0);
}

TEST(BacklogMonitor, AFailedQuestionKeepsTheLastFigure) {
  std::atomic<bool> fail{false};
  BacklogMonitor monitor(
      [&]() -> std::optional<std::int64_t> {
        if (fail) return std::nullopt;
        return 42;
      },
      10ms);
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (monitor.latest() != 42 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(5ms);
  fail = true;
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(monitor.latest(), 42);
}

}  // namespace
}  // namespace sluice::sqs
