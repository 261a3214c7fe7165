// Losing the server: retry the uncommitted rows on a new connection, give up
// after the configured time, stop at once on what waiting cannot fix.
#include <gtest/gtest.h>

#include "postgres_sink.h"
#include "sink_test_support.h"
#include "test_batch.h"
#include "test_server.h"

namespace sluice::postgres {
namespace {

using testing::CollectedLog;
using testing::RecordingReporter;
using testing::VectorBatch;

VectorBatch users(int first, int count) {
  VectorBatch batch({{"message_id", ValueKind::kText}, {"user_id", ValueKind::kText}});
  for (int i = first; i < first + count; ++i) {
    batch.text_row({"m" + std::to_string(i), "u" + std::to_string(i)});
  }
  return batch;
}

class ReconnectTest : public testing::ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    exec(
        "DROP TABLE IF EXISTS again; DROP TABLE IF EXISTS sluice_ledger;"
        "CREATE TABLE again(user_id text)");
  }

  CollectedLog log_;
  RecordingReporter reporter_;
};

TEST_F(ReconnectTest, RetriesTheUncommittedRowsOnANewConnection) {
  for (bool exactly_once : {false, true}) {
    exec("TRUNCATE again");
    SinkOptions options = testing::sink_options(dsn(), "again");
    options.exactly_once = exactly_once;
    PostgresSink sink(options, log_.function());
    ASSERT_TRUE(sink.start().ok());
    ASSERT_TRUE(sink.write(users(0, 100), 1, reporter_).ok());
    ASSERT_TRUE(sink.flush(true, reporter_).ok());
    ASSERT_TRUE(sink.write(users(100, 100), 2, reporter_).ok());

    terminate_other_sessions();
    support::Status flushed = sink.flush(true, reporter_);
    ASSERT_TRUE(flushed.ok()) << flushed.message();
    EXPECT_EQ(count("again"), 200) << "exactly_once " << exactly_once;
    EXPECT_EQ(std::stoll(query("SELECT count(DISTINCT user_id) FROM again")[0][0]), 200);
    EXPECT_TRUE(log_.contains("reconnected to the server"));
  }
}

TEST_F(ReconnectTest, GivesUpAfterTheConfiguredTime) {
  // Nothing listens on port 1.
  SinkOptions options = testing::sink_options("postgresql://postgres@127.0.0.1:1/postgres", "again");
  options.retry.give_up_after = std::chrono::milliseconds(300);
  PostgresSink sink(options, log_.function());
  support::Status started = sink.start();
  EXPECT_EQ(started.code(), support::StatusCode::kUnavailable);
  EXPECT_NE(started.message().find("attempts"), std::string::npos);
}

TEST_F(ReconnectTest, AWrongDatabaseIsNotRetried) {
  SinkOptions options = testing::sink_options(dsn(), "again");
  options.dsn = "host=" + testing::env_or_empty("SLUICE_PG_TEST_HOST") +
                " port=" + testing::env_or_empty("SLUICE_PG_TEST_PORT") +
                " user=postgres dbname=no_such_database";
  options.retry.give_up_after = std::chrono::milliseconds(0);  // would retry forever
  PostgresSink sink(options, log_.function());
  support::Status started = sink.start();
  // A configuration error: the pipeline stops with exit code 2.
  EXPECT_EQ(started.code(), support::StatusCode::kConfig);
  EXPECT_NE(started.message().find("no_such_database"), std::string::npos);
}

}  // namespace
}  // namespace sluice::postgres
