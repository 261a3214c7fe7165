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
  HealthVerdict verdict = health.check();
  EXPECT_FALSE(verdict.healthy);
  EXPECT_EQ(verdict.reason, "the pipeline is starting");
  health.running();
  EXPECT_TRUE(health.check().healthy);
}

TEST_F(HealthTest, StaysHealthyWhileIdleHoweverLong) {
  health.running();
  now += seconds(3600);
  EXPECT_TRUE(health.check().healthy);
}

TEST_F(HealthTest, TurnsUnhealthyWhenASinkCommitsNothingPastTheThreshold) {
  health.running();
  health.handed("pg");
  now += seconds(60);
  EXPECT_TRUE(health.check().healthy);
  now += seconds(1);
  HealthVerdict verdict = health.check();
  EXPECT_FALSE(verdict.healthy);
  EXPECT_EQ(verdict.reason, "sink 'pg' has committed nothing for 61 s while holding rows");
}

TEST_F(HealthTest, RecoversWhenTheSinkCommitsAgain) {
  health.running();
  health.handed("pg");
  now += seconds(120);
  ASSERT_FALSE(health.check().healthy);
  health.committed("pg", /*still_holding=*/false);
  EXPECT_TRUE(health.check().healthy);
}

TEST_F(HealthTest, ACommitRestartsTheClockForRowsStillHeld) {
  health.running();
  health.handed("pg");
  now += seconds(50);
  health.handed("pg");  // more rows: the clock keeps counting from the first
  health.committed("pg", /*still_holding=*/true);
  now += seconds(50);
  EXPECT_TRUE(health.check().healthy);
  now += seconds(11);
  EXPECT_FALSE(health.check().healthy);
}

TEST_F(HealthTest, MoreRowsDoNotRestartTheClock) {
  health.running();
  health.handed("pg");
  now += seconds(40);
  health.handed("pg");
  now += seconds(21);
  EXPECT_FALSE(health.check().healthy);
}

TEST_F(HealthTest, ABusyDeadLetterSinkDoesNotHideAStalledSink) {
  health.running();
  health.handed("pg");
  for (int i = 0; i < 7; ++i) {
    now += seconds(10);
    health.handed("rejects");
    health.committed("rejects", /*still_holding=*/false);
  }
  HealthVerdict verdict = health.check();
  EXPECT_FALSE(verdict.healthy);
  EXPECT_NE(verdict.reason.find("'pg'"), std::string::npos);
}

TEST_F(HealthTest, IsUnhealthyAfterAFailureAndOnceStopped) {
  health.running();
  health.failed();
  EXPECT_EQ(health.check().reason, "the pipeline failed");
  Health finished{seconds(60), [this] { return now; }};
  finished.running();
  finished.stopped();
  EXPECT_FALSE(finished.check().healthy);
  EXPECT_EQ(finished.check().reason, "the pipeline has stopped");
}

TEST_F(HealthTest, AFailureIsNotUndoneByStopping) {
  health.running();
  health.failed();
  health.stopped();
  EXPECT_EQ(health.check().reason, "the pipeline failed");
}

}  // namespace
}  // namespace sluice::core
