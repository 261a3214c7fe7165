#include "postgres_sink.h"

#include <thread>

#include <gtest/gtest.h>

#include "sink_test_support.h"
#include "test_batch.h"
#include "test_server.h"

namespace sluice::postgres {
namespace {

using testing::CollectedLog;
using testing::RecordingReporter;
using testing::VectorBatch;

class PostgresSinkTest : public testing::ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    exec("DROP TABLE IF EXISTS logins; " + testing::user_logins_ddl("logins"));
  }

  std::unique_ptr<PostgresSink> started_sink(SinkOptions options) {
    auto sink = std::make_unique<PostgresSink>(std::move(options), log_.function());
    support::Status started = sink->start();
    EXPECT_TRUE(started.ok()) << started.message();
    return sink;
  }

  CollectedLog log_;
  RecordingReporter reporter_;
};

// user_id, device_type (text), app_version (int64), create_date (date)
VectorBatch logins_batch(const std::vector<std::tuple<std::string, std::string, int64_t>>& rows) {
  VectorBatch batch({{"user_id", ValueKind::kText},
                     {"device_type", ValueKind::kText},
                     {"app_version", ValueKind::kInt64},
                     {"create_date", ValueKind::kDate}});
  for (const auto& [user, device, version] : rows) {
    batch.row({batch.text(user), batch.text(device), Value::of_int64(version), Value::of_date(19723)});
  }
  return batch;
}

TEST_F(PostgresSinkTest, WritesRowsAndReportsThemOnlyAfterCommit) {
  auto sink = started_sink(testing::sink_options(dsn(), "logins"));
  VectorBatch batch = logins_batch({{"u1", "phone", 2003000}, {"u2", "tablet", 96000}});
  ASSERT_TRUE(sink->write(batch, 1, reporter_).ok());
  EXPECT_TRUE(reporter_.committed_writes.empty());
  EXPECT_EQ(count("logins"), 0);

  ASSERT_TRUE(sink->flush(true, reporter_).ok());
  EXPECT_EQ(reporter_.committed_writes, std::vector<uint64_t>{1});
  EXPECT_EQ(query("SELECT user_id, device_type, app_version, create_date FROM logins ORDER BY 1"),
            (std::vector<std::vector<std::string>>{{"u1", "phone", "2003000", "2024-01-01"},
                                                   {"u2", "tablet", "96000", "2024-01-01"}}));
}

TEST_F(PostgresSinkTest, FlushesByItselfAtBatchSize) {
  SinkOptions options = testing::sink_options(dsn(), "logins");
  options.batch_size = 2;
  options.flush_interval = std::chrono::hours(1);
  auto sink = started_sink(options);
  VectorBatch first = logins_batch({{"u1", "phone", 1}});
  VectorBatch second = logins_batch({{"u2", "phone", 2}});
  ASSERT_TRUE(sink->write(first, 1, reporter_).ok());
  ASSERT_TRUE(sink->write(second, 2, reporter_).ok());
  // The commit runs in the background; unforced flushes report it once done.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (reporter_.committed_writes.empty() && std::chrono::steady_clock::now() < deadline) {
    ASSERT_TRUE(sink->flush(false, reporter_).ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(reporter_.committed_writes, (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(count("logins"), 2);
}

TEST_F(PostgresSinkTest, AnUnforcedFlushWaitsForTheInterval) {
  SinkOptions options = testing::sink_options(dsn(), "logins");
  options.flush_interval = std::chrono::hours(1);
  auto sink = started_sink(options);
  VectorBatch batch = logins_batch({{"u1", "phone", 1}});
  ASSERT_TRUE(sink->write(batch, 1, reporter_).ok());
  ASSERT_TRUE(sink->flush(false, reporter_).ok());
  EXPECT_TRUE(reporter_.committed_writes.empty());
  ASSERT_TRUE(sink->flush(true, reporter_).ok());
  EXPECT_EQ(reporter_.committed_writes, std::vector<uint64_t>{1});
}

TEST_F(PostgresSinkTest, BadRowsAreRejectedAloneAndTheRestLands) {
  auto sink = started_sink(testing::sink_options(dsn(), "logins"));
  VectorBatch batch(
      {{"user_id", ValueKind::kText}, {"device_type", ValueKind::kText}, {"app_version", ValueKind::kText}});
  batch.text_row({"u1", "phone", "2003000"})
      .text_row({"u2", std::string(33, 'x'), "1"})
      .text_row({"u3", "tablet", "2.3.0"})
      .text_row({"u4", "pc", "7"});
  ASSERT_TRUE(sink->write(batch, 3, reporter_).ok());
  ASSERT_TRUE(sink->flush(true, reporter_).ok());
  EXPECT_EQ(reporter_.rejected.size(), 2u);
  EXPECT_EQ((reporter_.rejected[{3, 1}]),
            "column device_type (character varying(32)): longer than 32 characters");
  EXPECT_EQ((reporter_.rejected[{3, 2}]), "column app_version (integer): not an integer");
  EXPECT_EQ(reporter_.committed_writes, std::vector<uint64_t>{3});
  EXPECT_EQ(query("SELECT user_id FROM logins ORDER BY 1"),
            (std::vector<std::vector<std::string>>{{"u1"}, {"u4"}}));
}

TEST_F(PostgresSinkTest, RowsTheServerRefusesAreIsolatedNotTheBatch) {
  // Constraints only the server knows: the sink must find the rows at fault.
  exec(
      "ALTER TABLE logins ADD CONSTRAINT positive_version CHECK (app_version > 0);"
      "CREATE UNIQUE INDEX logins_user ON logins(user_id)");
  auto sink = started_sink(testing::sink_options(dsn(), "logins"));
  VectorBatch batch = logins_batch(
      {{"u1", "phone", 1}, {"u2", "phone", -5}, {"u3", "phone", 3}, {"u1", "phone", 4}, {"u5", "phone", 5}});
  ASSERT_TRUE(sink->write(batch, 7, reporter_).ok());
  ASSERT_TRUE(sink->flush(true, reporter_).ok());
  ASSERT_EQ(reporter_.rejected.size(), 2u);
  EXPECT_EQ((reporter_.rejected[{7, 1}]),
            "check constraint violation (constraint positive_version) (SQLSTATE 23514)");
  EXPECT_EQ((reporter_.rejected[{7, 3}]), "unique violation (constraint logins_user) (SQLSTATE 23505)");
  EXPECT_EQ(reporter_.committed_writes, std::vector<uint64_t>{7});
  EXPECT_EQ(query("SELECT user_id, app_version FROM logins ORDER BY 1"),
            (std::vector<std::vector<std::string>>{{"u1", "1"}, {"u3", "3"}, {"u5", "5"}}));
}

TEST_F(PostgresSinkTest, MetacharactersAndUnicodeArriveByteExact) {
  exec("DROP TABLE IF EXISTS raw_text; CREATE TABLE raw_text(id int, v text)");
  auto sink = started_sink(testing::sink_options(dsn(), "raw_text"));
  const std::vector<std::string> values = {"back\\slash",
                                           "tab\there",
                                           "new\nline",
                                           "carriage\rreturn",
                                           "\\N",
                                           "\\.",
                                           "'; DROP TABLE raw_text; --",
                                           "\"quoted\"",
                                           "Zoë 日本 🚀",
                                           "$1 $$ %s {} \x7f",
                                           "",
                                           " padded "};
  VectorBatch batch({{"id", ValueKind::kInt64}, {"v", ValueKind::kText}});
  for (size_t i = 0; i < values.size(); ++i) {
    batch.row({Value::of_int64(static_cast<int64_t>(i)), Value::of_text(values[i])});
  }
  batch.row({Value::of_int64(99), Value::null()});
  ASSERT_TRUE(sink->write(batch, 1, reporter_).ok());
  ASSERT_TRUE(sink->flush(true, reporter_).ok());
  EXPECT_TRUE(reporter_.rejected.empty());

  auto rows = query("SELECT id, v, encode(convert_to(v, 'UTF8'), 'hex') FROM raw_text ORDER BY id");
  ASSERT_EQ(rows.size(), values.size() + 1);
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(rows[i][1], values[i]) << "row " << i;
  }
  EXPECT_EQ(rows.back()[1], "<null>");
}

TEST_F(PostgresSinkTest, BatchesLargerThanOneCopyChunkArriveWhole) {
  exec("DROP TABLE IF EXISTS big; CREATE TABLE big(id int, v text)");
  auto sink = started_sink(testing::sink_options(dsn(), "big"));
  VectorBatch batch({{"id", ValueKind::kInt64}, {"v", ValueKind::kText}});
  std::string huge(200'000, 'h');  // one line longer than a chunk
  for (int i = 0; i < 3000; ++i) {
    batch.row({Value::of_int64(i), batch.text(i == 1500 ? huge : std::string(100, 'a' + i % 26))});
  }
  ASSERT_TRUE(sink->write(batch, 1, reporter_).ok());
  ASSERT_TRUE(sink->flush(true, reporter_).ok());
  EXPECT_EQ(query("SELECT count(*), sum(length(v)), count(DISTINCT id) FROM big"),
            (std::vector<std::vector<std::string>>{{"3000", std::to_string(2999 * 100 + 200'000), "3000"}}));
}

TEST_F(PostgresSinkTest, QuotesEveryIdentifier) {
  exec(
      "DROP TABLE IF EXISTS \"Odd \"\"Name\"\"\";"
      "CREATE TABLE \"Odd \"\"Name\"\"\"(\"User Id\" text, \"select\" int)");
  SinkOptions options = testing::sink_options(dsn(), "Odd \"Name\"");
  options.columns = ColumnMapping{{"user", "User Id"}, {"n", "select"}};
  auto sink = started_sink(options);
  VectorBatch batch({{"user", ValueKind::kText}, {"n", ValueKind::kInt64}});
  batch.row({Value::of_text("u1"), Value::of_int64(1)});
  ASSERT_TRUE(sink->write(batch, 1, reporter_).ok());
  ASSERT_TRUE(sink->flush(true, reporter_).ok());
  EXPECT_EQ(query("SELECT \"User Id\", \"select\" FROM \"Odd \"\"Name\"\"\""),
            (std::vector<std::vector<std::string>>{{"u1", "1"}}));
}

TEST_F(PostgresSinkTest, ListsBatchColumnsItDoesNotWriteOnce) {
  auto sink = started_sink(testing::sink_options(dsn(), "logins"));
  VectorBatch batch({{"user_id", ValueKind::kText}, {"body", ValueKind::kText}});
  batch.text_row({"u1", "{...}"});
  ASSERT_TRUE(sink->write(batch, 1, reporter_).ok());
  ASSERT_TRUE(sink->write(batch, 2, reporter_).ok());
  int mentions = 0;
  for (const auto& line : log_.lines) {
    if (line.find("not written to table logins: body") != std::string::npos) ++mentions;
  }
  EXPECT_EQ(mentions, 1);
}

TEST_F(PostgresSinkTest, AMissingTableStopsTheStart) {
  PostgresSink sink(testing::sink_options(dsn(), "no_such_table"), log_.function());
  support::Status started = sink.start();
  EXPECT_EQ(started.code(), support::StatusCode::kConfig);
  EXPECT_NE(started.message().find("table no_such_table does not exist"), std::string::npos);
}

TEST_F(PostgresSinkTest, AMappingToAMissingColumnStopsTheStart) {
  SinkOptions options = testing::sink_options(dsn(), "logins");
  options.columns = ColumnMapping{{"user_id", "user_id"}, {"ip", "client_ip"}};
  PostgresSink sink(options, log_.function());
  support::Status started = sink.start();
  EXPECT_EQ(started.code(), support::StatusCode::kConfig);
  EXPECT_NE(started.message().find("no column client_ip"), std::string::npos);
}

TEST_F(PostgresSinkTest, IncompatibleTypesAreReportedAtTheFirstBatch) {
  auto sink = started_sink(testing::sink_options(dsn(), "logins"));
  VectorBatch batch({{"user_id", ValueKind::kText}, {"app_version", ValueKind::kBoolean}});
  batch.row({Value::of_text("u1"), Value::of_boolean(true)});
  support::Status written = sink->write(batch, 1, reporter_);
  EXPECT_EQ(written.code(), support::StatusCode::kConfig);
  EXPECT_NE(written.message().find("app_version (bool) cannot go into column app_version"),
            std::string::npos);
}

TEST_F(PostgresSinkTest, CreatesAMissingTableWhenAsked) {
  exec("DROP TABLE IF EXISTS created_here");
  SinkOptions options = testing::sink_options(dsn(), "created_here");
  options.create_table = true;
  auto sink = started_sink(options);
  VectorBatch batch({{"name", ValueKind::kText},
                     {"n", ValueKind::kInt64},
                     {"x", ValueKind::kFloat64},
                     {"ok", ValueKind::kBoolean},
                     {"day", ValueKind::kDate},
                     {"at", ValueKind::kTimestamp}});
  batch.row({Value::of_text("a"), Value::of_int64(1), Value::of_float64(0.5), Value::of_boolean(true),
             Value::of_date(0), Value::of_timestamp(1'000'000)});
  ASSERT_TRUE(sink->write(batch, 1, reporter_).ok());
  ASSERT_TRUE(sink->flush(true, reporter_).ok());
  EXPECT_EQ(
      query("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
            "WHERE attrelid = 'created_here'::regclass AND attnum > 0 ORDER BY attnum"),
      (std::vector<std::vector<std::string>>{
          {"text"}, {"bigint"}, {"double precision"}, {"boolean"}, {"date"}, {"timestamp with time zone"}}));
  EXPECT_EQ(
      query("SELECT name, n, x, ok, day, at AT TIME ZONE 'UTC' FROM created_here"),
      (std::vector<std::vector<std::string>>{{"a", "1", "0.5", "t", "1970-01-01", "1970-01-01 00:00:01"}}));
}

TEST_F(PostgresSinkTest, TypedValuesLandAsTheirColumnTypes) {
  exec(
      "DROP TABLE IF EXISTS typed; CREATE TABLE typed(s smallint, b bigint, n numeric(6,2),"
      " r real, d double precision, f boolean, ts timestamp, tz timestamptz, c char(3), u uuid)");
  auto sink = started_sink(testing::sink_options(dsn(), "typed"));
  VectorBatch typed({{"s", ValueKind::kText},
                     {"b", ValueKind::kInt64},
                     {"n", ValueKind::kText},
                     {"r", ValueKind::kFloat64},
                     {"d", ValueKind::kText},
                     {"f", ValueKind::kText},
                     {"ts", ValueKind::kTimestamp},
                     {"tz", ValueKind::kText},
                     {"c", ValueKind::kText},
                     {"u", ValueKind::kText}});
  typed.row({Value::of_text("-12"), Value::of_int64(INT64_MAX), Value::of_text("1234.56"),
             Value::of_float64(2.5), Value::of_text("1e-3"), Value::of_text("yes"),
             Value::of_timestamp(1'714'566'600'000'000), Value::of_text("2024-05-01T12:30:00+02:00"),
             Value::of_text("ab"), Value::of_text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")});
  ASSERT_TRUE(sink->write(typed, 1, reporter_).ok());
  ASSERT_TRUE(sink->flush(true, reporter_).ok());
  EXPECT_TRUE(reporter_.rejected.empty());
  EXPECT_EQ(query("SELECT s, b, n, r, d, f, ts, tz AT TIME ZONE 'UTC', c, u FROM typed"),
            (std::vector<std::vector<std::string>>{{"-12", "9223372036854775807", "1234.56", "2.5", "0.001",
                                                    "t", "2024-05-01 12:30:00", "2024-05-01 10:30:00", "ab ",
                                                    "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}}));
}

TEST_F(PostgresSinkTest, AValueOnlyTheServerCanJudgeRejectsOnlyItsRow) {
  exec("DROP TABLE IF EXISTS ids; CREATE TABLE ids(n int, u uuid)");
  auto sink = started_sink(testing::sink_options(dsn(), "ids"));
  VectorBatch batch({{"n", ValueKind::kInt64}, {"u", ValueKind::kText}});
  batch.row({Value::of_int64(1), Value::of_text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")});
  batch.row({Value::of_int64(2), Value::of_text("not-a-uuid-secret")});
  batch.row({Value::of_int64(3), Value::null()});
  ASSERT_TRUE(sink->write(batch, 1, reporter_).ok());
  ASSERT_TRUE(sink->flush(true, reporter_).ok());
  ASSERT_EQ(reporter_.rejected.size(), 1u);
  std::string reason = reporter_.rejected[{1, 1}];
  EXPECT_EQ(reason, "column u: invalid input syntax (SQLSTATE 22P02)");
  EXPECT_EQ(query("SELECT n FROM ids ORDER BY n"), (std::vector<std::vector<std::string>>{{"1"}, {"3"}}));
}

}  // namespace
}  // namespace sluice::postgres
