// /health's verdict: unhealthy before the pipeline runs and after it stops
// or fails; while it runs, unhealthy only when a sink has held rows without
// committing any for longer than the threshold, and healthy again once it
// commits.
#include "health.h"

#include <gtest/gtest.h>

namespace sluice::core {
namespace {

using std::chrono::seconds;

class HealthTest : public ::testing::Test {
 protected:
  Health::Clock::time_point now{seconds(1000)};
  Health health{seconds(60), [this] { return now; }};
};

TEST_F(HealthTest, IsUnhealthyUntilThePipelineRuns) {
  HealthVerdict verdict = health.Check();
  EXPECT_FALSE(verdict.healthy);
  EXPECT_EQ(verdict.reason, "the pipeline is starting");
  health.Running();
  EXPECT_TRUE(health.Check().healthy);
}

TEST_F(HealthTest, StaysHealthyWhileIdleHoweverLong) {
  health.Running();
  now += seconds(3600);
  EXPECT_TRUE(health.Check().healthy);
}

TEST_F(HealthTest, TurnsUnhealthyWhenASinkCommitsNothingPastTheThreshold) {
  health.Running();
  health.Handed("pg");
  now += seconds(60);
  EXPECT_TRUE(health.Check().healthy);
  now += seconds(1);
  HealthVerdict verdict = health.Check();
  EXPECT_FALSE(verdict.healthy);
  EXPECT_EQ(verdict.reason, "sink 'pg' has committed nothing for 61 s while holding rows");
}

TEST_F(HealthTest, RecoversWhenTheSinkCommitsAgain) {
  health.Running();
  health.Handed("pg");
  now += seconds(120);
  ASSERT_FALSE(health.Check().healthy);
  health.Committed("pg", /*still_holding=*/false);
  EXPECT_TRUE(health.Check().healthy);
}

TEST_F(HealthTest, ACommitRestartsTheClockForRowsStillHeld) {
  health.Running();
  health.Handed("pg");
  now += seconds(50);
  health.Handed("pg");  // more rows: the clock keeps counting from the first
  health.Committed("pg", /*still_holding=*/true);
  now += seconds(50);
  EXPECT_TRUE(health.Check().healthy);
  now += seconds(11);
  EXPECT_FALSE(health.Check().healthy);
}

TEST_F(HealthTest, MoreRowsDoNotRestartTheClock) {
  health.Running();
  health.Handed("pg");
  now += seconds(40);
  health.Handed("pg");
  now += seconds(21);
  EXPECT_FALSE(health.Check().healthy);
}

TEST_F(HealthTest, ABusyDeadLetterSinkDoesNotHideAStalledSink) {
  health.Running();
  health.Handed("pg");
  for (int i = 0; i < 7; ++i) {
    now += seconds(10);
    health.Handed("rejects");
    health.Committed("rejects", /*still_holding=*/false);
  }
  HealthVerdict verdict = health.Check();
  EXPECT_FALSE(verdict.healthy);
  EXPECT_NE(verdict.reason.find("'pg'"), std::string::npos);
}

TEST_F(HealthTest, IsUnhealthyAfterAFailureAndOnceStopped) {
  health.Running();
  health.Failed();
  EXPECT_EQ(health.Check().reason, "the pipeline failed");
  Health finished{seconds(60), [this] { return now; }};
  finished.Running();
  finished.Stopped();
  EXPECT_FALSE(finished.Check().healthy);
  EXPECT_EQ(finished.Check().reason, "the pipeline has stopped");
}

TEST_F(HealthTest, AFailureIsNotUndoneByStopping) {
  health.Running();
  health.Failed();
  health.Stopped();
  EXPECT_EQ(health.Check().reason, "the pipeline failed");
}

}  // namespace
}  // namespace sluice::core
