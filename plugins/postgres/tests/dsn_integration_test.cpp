// The dsn option is libpq's: conninfo or URI, PG* variables, sslmode.
#include <cstdlib>

#include <gtest/gtest.h>

#include "postgres_sink.h"
#include "sink_test_support.h"
#include "test_server.h"

namespace sluice::pg {
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

  Status start_with(const std::string& sink_dsn) {
    SinkOptions options = testing::sink_options(sink_dsn, "dsn_target");
    options.retry.give_up_after = std::chrono::milliseconds(2000);
    PostgresSink sink(options, log_.function());
    return sink.start();
  }

  CollectedLog log_;
};

TEST_F(DsnTest, TakesAUri) { EXPECT_TRUE(start_with(dsn()).ok()); }

TEST_F(DsnTest, TakesKeyValueConninfo) {
  EXPECT_TRUE(start_with("host=" + env_or_empty("SLUICE_PG_TEST_HOST") + " port=" +
                         env_or_empty("SLUICE_PG_TEST_PORT") + " user=postgres dbname=postgres")
                  .ok());
}

TEST_F(DsnTest, TakesAUnixSocketDirectory) {
  EXPECT_TRUE(start_with("host=" + env_or_empty("SLUICE_PG_TEST_SOCKET_DIR") + " port=" +
                         env_or_empty("SLUICE_PG_TEST_PORT") + " user=postgres")
                  .ok());
}

TEST_F(DsnTest, FillsTheRestFromPgVariables) {
  setenv("PGHOST", env_or_empty("SLUICE_PG_TEST_HOST").c_str(), 1);
  setenv("PGPORT", env_or_empty("SLUICE_PG_TEST_PORT").c_str(), 1);
  setenv("PGUSER", "postgres", 1);
  Status started = start_with("");
  unsetenv("PGHOST");
  unsetenv("PGPORT");
  unsetenv("PGUSER");
  EXPECT_TRUE(started.ok()) << started.message();
}

TEST_F(DsnTest, SslModeIsHonoured) {
  EXPECT_TRUE(start_with(dsn() + "?sslmode=disable").ok());
  // The test server has no SSL: demanding it must fail, and at once.
  Status required = start_with(dsn() + "?sslmode=require");
  EXPECT_EQ(required.code(), StatusCode::kInternal);
  EXPECT_NE(required.message().find("SSL"), std::string::npos) << required.message();
}

TEST_F(DsnTest, AMalformedDsnIsNotRetried) {
  Status started = start_with("host=localhost bogus_option=1");
  EXPECT_EQ(started.code(), StatusCode::kInternal);
  EXPECT_NE(started.message().find("bogus_option"), std::string::npos);
}

TEST_F(DsnTest, NamesItsSessionUnlessTheDsnDoes) {
  SinkOptions options = testing::sink_options(dsn(), "dsn_target");
  PostgresSink sink(options, log_.function());
  ASSERT_TRUE(sink.start().ok());
  EXPECT_EQ(query("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'sluice'"),
            (std::vector<std::vector<std::string>>{{"1"}}));
}

}  // namespace
}  // namespace sluice::pg
