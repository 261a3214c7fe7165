// exactly_once: the ledger keeps a redelivered message from adding a row.
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

VectorBatch messages(const std::vector<std::pair<std::string, std::string>>& id_and_user) {
  VectorBatch batch(
      {{"message_id", ValueKind::kText}, {"user_id", ValueKind::kText}, {"app_version", ValueKind::kText}});
  for (const auto& [id, user] : id_and_user) batch.text_row({id, user, "1"});
  return batch;
}

class ExactlyOnceTest : public testing::ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    exec("DROP TABLE IF EXISTS once; DROP TABLE IF EXISTS sluice_ledger; " +
         testing::user_logins_ddl("once"));
  }

  SinkOptions options() {
    SinkOptions options = testing::sink_options(dsn(), "once");
    options.exactly_once = true;
    return options;
  }

  std::unique_ptr<PostgresSink> started_sink(SinkOptions sink_options) {
    auto sink = std::make_unique<PostgresSink>(std::move(sink_options), log_.function());
    support::Status started = sink->start();
    EXPECT_TRUE(started.ok()) << started.message();
    return sink;
  }

  void write_and_flush(PostgresSink& sink, const VectorBatch& batch, uint64_t write_id) {
    ASSERT_TRUE(sink.write(batch, write_id, reporter_).ok());
    support::Status flushed = sink.flush(true, reporter_);
    ASSERT_TRUE(flushed.ok()) << flushed.message();
  }

  CollectedLog log_;
  RecordingReporter reporter_;
};

TEST_F(ExactlyOnceTest, ARedeliveredMessageAddsNoRow) {
  auto sink = started_sink(options());
  write_and_flush(*sink, messages({{"m1", "u1"}, {"m2", "u2"}}), 1);
  write_and_flush(*sink, messages({{"m2", "u2"}, {"m3", "u3"}}), 2);
  EXPECT_EQ(reporter_.committed_writes, (std::vector<uint64_t>{1, 2}));
  EXPECT_TRUE(reporter_.rejected.empty());
  EXPECT_EQ(query("SELECT user_id FROM once ORDER BY 1"),
            (std::vector<std::vector<std::string>>{{"u1"}, {"u2"}, {"u3"}}));
}

TEST_F(ExactlyOnceTest, TheLedgerOutlivesTheSink) {
  write_and_flush(*started_sink(options()), messages({{"m1", "u1"}}), 1);
  write_and_flush(*started_sink(options()), messages({{"m1", "u1"}}), 1);
  EXPECT_EQ(count("once"), 1);
  EXPECT_EQ(query("SELECT pipeline, target, message_id FROM sluice_ledger"),
            (std::vector<std::vector<std::string>>{{"test_pipeline", "once", "m1"}}));
}

TEST_F(ExactlyOnceTest, TheSameMessageTwiceInOneFlushIsWrittenOnce) {
  auto sink = started_sink(options());
  write_and_flush(*sink, messages({{"m1", "u1"}, {"m1", "u1"}}), 1);
  EXPECT_EQ(count("once"), 1);
}

TEST_F(ExactlyOnceTest, EachPipelineHasItsOwnEntries) {
  write_and_flush(*started_sink(options()), messages({{"m1", "u1"}}), 1);
  SinkOptions other = options();
  other.pipeline_name = "other_pipeline";
  write_and_flush(*started_sink(other), messages({{"m1", "u1"}}), 1);
  EXPECT_EQ(count("once"), 2);
}

TEST_F(ExactlyOnceTest, RejectedRowsAreIsolatedThroughTheLedgerToo) {
  exec("ALTER TABLE once ADD CONSTRAINT named CHECK (user_id <> 'bad')");
  auto sink = started_sink(options());
  write_and_flush(*sink, messages({{"m1", "u1"}, {"m2", "bad"}, {"m3", "u3"}}), 1);
  ASSERT_EQ(reporter_.rejected.size(), 1u);
  EXPECT_NE((reporter_.rejected[{1, 1}]).find("constraint named"), std::string::npos);
  EXPECT_EQ(count("once"), 2);
  // The rejected message is not in the ledger: fixed and sent again, it lands.
  exec("ALTER TABLE once DROP CONSTRAINT named");
  write_and_flush(*sink, messages({{"m2", "bad"}}), 2);
  EXPECT_EQ(count("once"), 3);
}

TEST_F(ExactlyOnceTest, OldEntriesArePrunedAtStartOnlyForThisSink) {
  write_and_flush(*started_sink(options()), messages({{"m1", "u1"}, {"m2", "u2"}}), 1);
  exec(
      "INSERT INTO sluice_ledger(pipeline, target, message_id, committed_at) VALUES "
      "('test_pipeline', 'once', 'old', now() - interval '16 days'),"
      "('another', 'once', 'old', now() - interval '16 days')");
  exec("UPDATE sluice_ledger SET committed_at = now() - interval '14 days' WHERE message_id = 'm2'");
  started_sink(options());
  EXPECT_EQ(query("SELECT pipeline, message_id FROM sluice_ledger ORDER BY 1, 2"),
            (std::vector<std::vector<std::string>>{
                {"another", "old"}, {"test_pipeline", "m1"}, {"test_pipeline", "m2"}}));
}

TEST_F(ExactlyOnceTest, ALedgerInAnotherSchema) {
  exec("DROP SCHEMA IF EXISTS etl CASCADE; CREATE SCHEMA etl");
  SinkOptions sink_options = options();
  sink_options.ledger_table = TableName::parse("etl.ledger");
  write_and_flush(*started_sink(sink_options), messages({{"m1", "u1"}}), 1);
  EXPECT_EQ(count("etl.ledger"), 1);
}

}  // namespace
}  // namespace sluice::postgres
