// The dsn option is libpq's: conninfo or URI, PG* variables, sslmode.
#include <cstdlib>

#include <gtest/gtest.h>

#include "postgres_sink.h"
#include "sink_test_support.h"
#include "test_server.h"

namespace sluice::postgres {
namespace {

using testing::CollectedLog;
using testing::env_or_empty;

class DsnTest : public testing::ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    exec("DROP TABLE IF EXISTS dsn_target; CREATE TABLE dsn_target(v text)");
  }

  support::Status start_with(const std::string& sink_dsn) {
    SinkOptions options = testing::sink_options(sink_dsn, "dsn_target");
    options.retry.give_up_after = std::chrono::milliseconds(2000);
    PostgresSink sink(options, log_.function());
    return sink.start();
  }

  CollectedLog log_;
};

TEST_F(DsnTest, TakesAUri) { EXPECT_TRUE(start_with(dsn()).ok()); }

TEST_F(DsnTest, TakesKeyValueConninfo) {
  EXPECT_TRUE(start_with("host=" + env_or_empty("SLUICE_PG_TEST_HOST") +
                         " port=" + env_or_empty("SLUICE_PG_TEST_PORT") + " user=postgres dbname=postgres")
                  .ok());
}

TEST_F(DsnTest, TakesAUnixSocketDirectory) {
  EXPECT_TRUE(start_with("host=" + env_or_empty("SLUICE_PG_TEST_SOCKET_DIR") +
                         " port=" + env_or_empty("SLUICE_PG_TEST_PORT") + " user=postgres")
                  .ok());
}

TEST_F(DsnTest, FillsTheRestFromPgVariables) {
  setenv("PGHOST", env_or_empty("SLUICE_PG_TEST_HOST").c_str(), 1);
  setenv("PGPORT", env_or_empty("SLUICE_PG_TEST_PORT").c_str(), 1);
  setenv("PGUSER", "postgres", 1);
  support::Status started = start_with("");
  unsetenv("PGHOST");
  unsetenv("PGPORT");
  unsetenv("PGUSER");
  EXPECT_TRUE(started.ok()) << started.message();
}

TEST_F(DsnTest, SslModeIsHonoured) {
  EXPECT_TRUE(start_with(dsn() + "?sslmode=disable").ok());
  // The test server has no SSL: demanding it must fail, and at once.
  support::Status required = start_with(dsn() + "?sslmode=require");
  EXPECT_EQ(required.code(), support::StatusCode::kConfig);
  EXPECT_NE(required.message().find("SSL"), std::string::npos) << required.message();
}

TEST_F(DsnTest, AMalformedDsnIsNotRetried) {
  support::Status started = start_with("host=localhost bogus_option=1");
  EXPECT_EQ(started.code(), support::StatusCode::kConfig);
  // libpq's reason, without the part it quotes: that part may be a password.
  EXPECT_NE(started.message().find("invalid connection option"), std::string::npos) << started.message();
  EXPECT_FALSE(log_.contains("retrying"));
}

// A URI for the password role, with `password` in its user info.
std::string with_password(const std::string& password) {
  std::string uri = env_or_empty("SLUICE_PG_TEST_PASSWORD_DSN");
  size_t user_end = uri.find('@');
  return uri.substr(0, user_end) + ":" + password + uri.substr(user_end);
}

void expect_no_secret(const support::Status& status, const CollectedLog& log, const std::string& secret) {
  EXPECT_EQ(status.message().find(secret), std::string::npos) << status.message();
  for (const auto& line : log.lines) EXPECT_EQ(line.find(secret), std::string::npos) << line;
}

TEST_F(DsnTest, TheRightPasswordConnects) {
  support::Status started = start_with(with_password(env_or_empty("SLUICE_PG_TEST_PASSWORD")));
  EXPECT_TRUE(started.ok()) << started.message();
}

TEST_F(DsnTest, AWrongPasswordStopsAtOnceWithoutShowingIt) {
  const std::string wrong = "Wr0ngPassw0rd";
  support::Status started = start_with(with_password(wrong));
  EXPECT_EQ(started.code(), support::StatusCode::kConfig) << started.message();
  EXPECT_NE(started.message().find("password authentication failed"), std::string::npos) << started.message();
  EXPECT_FALSE(log_.contains("retrying"));
  expect_no_secret(started, log_, wrong);
}

TEST_F(DsnTest, NoPasswordStopsAtOnce) {
  support::Status started = start_with(env_or_empty("SLUICE_PG_TEST_PASSWORD_DSN"));
  EXPECT_EQ(started.code(), support::StatusCode::kConfig) << started.message();
  EXPECT_NE(started.message().find("no password supplied"), std::string::npos) << started.message();
  EXPECT_FALSE(log_.contains("retrying"));
}

TEST_F(DsnTest, AMissingDatabaseStopsAtOnce) {
  std::string uri = dsn();
  support::Status started = start_with(uri.substr(0, uri.rfind('/')) + "/no_such_database");
  EXPECT_EQ(started.code(), support::StatusCode::kConfig) << started.message();
  EXPECT_FALSE(log_.contains("retrying"));
}

TEST_F(DsnTest, AMalformedPasswordIsNeitherShownNorRetried) {
  const std::string secret = "Pa%zzS3cret";
  support::Status started = start_with(with_password(secret));
  EXPECT_EQ(started.code(), support::StatusCode::kConfig);
  EXPECT_NE(started.message().find("invalid percent-encoded token"), std::string::npos) << started.message();
  expect_no_secret(started, log_, "S3cret");
  EXPECT_FALSE(log_.contains("retrying"));
}

TEST_F(DsnTest, LogsTheTargetWithoutThePassword) {
  const std::string password = env_or_empty("SLUICE_PG_TEST_PASSWORD");
  ASSERT_TRUE(start_with(with_password(password)).ok());
  EXPECT_TRUE(log_.contains("connecting to host=")) << ::testing::PrintToString(log_.lines);
  expect_no_secret(support::Status::success(), log_, password);
}

TEST_F(DsnTest, NamesItsSessionUnlessTheDsnDoes) {
  SinkOptions options = testing::sink_options(dsn(), "dsn_target");
  PostgresSink sink(options, log_.function());
  ASSERT_TRUE(sink.start().ok());
  EXPECT_EQ(query("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'sluice'"),
            (std::vector<std::vector<std::string>>{{"1"}}));
}

}  // namespace
}  // namespace sluice::postgres
