#include "plugin_options.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "postgres_sink_plugin.h"

namespace sluice::postgres {
namespace {

SinkOptions read(const char* json, std::string_view pipeline = "logins") {
  return read_plugin_options(sluice::host_config<PostgresSinkPlugin>(json), pipeline);
}

std::string config_error(const char* json, std::string_view pipeline = "logins") {
  try {
    read(json, pipeline);
  } catch (const sluice::ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(PluginOptions, DefaultsForEverythingButTheTable) {
  SinkOptions options = read(R"({"table": "user_logins"})");
  EXPECT_EQ(options.dsn, "");
  EXPECT_EQ(options.table.name, "user_logins");
  EXPECT_FALSE(options.columns.has_value());
  EXPECT_EQ(options.batch_size, 10'000u);
  EXPECT_EQ(options.flush_interval, std::chrono::milliseconds(1'000));
  EXPECT_FALSE(options.exactly_once);
  EXPECT_EQ(options.message_id_column, "message_id");
  EXPECT_FALSE(options.create_table);
  EXPECT_EQ(options.ledger_table.name, "sluice_ledger");
  EXPECT_EQ(options.ledger_retention, std::chrono::hours(15 * 24));
  EXPECT_EQ(options.ledger_prune_interval, std::chrono::minutes(60));
  EXPECT_EQ(options.retry.initial_backoff, std::chrono::milliseconds(100));
  EXPECT_EQ(options.retry.max_backoff, std::chrono::milliseconds(10'000));
  EXPECT_EQ(options.retry.give_up_after, std::chrono::milliseconds(300'000));
  EXPECT_EQ(options.pipeline_name, "logins");
}

TEST(PluginOptions, ReadsEveryOption) {
  SinkOptions options = read(R"({
    "dsn": "host=db dbname=etl", "table": "etl.logins", "columns": {"ip": "masked_ip"},
    "batch_size": 500, "flush_interval_ms": 250, "exactly_once": true,
    "message_id_column": "id", "create_table": true, "ledger_table": "etl.ledger",
    "ledger_retention_days": 20, "ledger_prune_interval_minutes": 5,
    "retry_initial_backoff_ms": 50, "retry_max_backoff_ms": 2000, "retry_give_up_after_ms": 0})");
  EXPECT_EQ(options.dsn, "host=db dbname=etl");
  EXPECT_EQ(options.table.schema, "etl");
  EXPECT_EQ(*options.columns, (ColumnMapping{{"ip", "masked_ip"}}));
  EXPECT_EQ(options.batch_size, 500u);
  EXPECT_EQ(options.flush_interval, std::chrono::milliseconds(250));
  EXPECT_TRUE(options.exactly_once);
  EXPECT_EQ(options.message_id_column, "id");
  EXPECT_TRUE(options.create_table);
  EXPECT_EQ(options.ledger_table.display(), "etl.ledger");
  EXPECT_EQ(options.ledger_retention, std::chrono::hours(20 * 24));
  EXPECT_EQ(options.ledger_prune_interval, std::chrono::minutes(5));
  EXPECT_EQ(options.retry.give_up_after, std::chrono::milliseconds(0));
}

TEST(PluginOptions, TheDsnCanComeFromAnEnvironmentVariable) {
  setenv("SLUICE_TEST_PG_DSN_SECRET", "postgresql://etl:secret@db/etl", 1);
  SinkOptions options = read(R"({"table": "t", "dsn_env": "SLUICE_TEST_PG_DSN_SECRET"})");
  EXPECT_EQ(options.dsn, "postgresql://etl:secret@db/etl");
  EXPECT_NE(config_error(R"({"table": "t", "dsn": "x", "dsn_env": "SLUICE_TEST_PG_DSN_SECRET"})"), "");
  unsetenv("SLUICE_TEST_PG_DSN_SECRET");
}

// A DSN file only its owner can read (the SDK refuses any other), removed
// at the end of the test.
class DsnFile {
 public:
  explicit DsnFile(const std::string& content)
      : path_(::testing::TempDir() + "pg_dsn_" + std::to_string(getpid()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name()) {
    std::ofstream(path_, std::ios::binary) << content;
    chmod(path_.c_str(), 0600);
  }
  ~DsnFile() { std::remove(path_.c_str()); }
  std::string config(const std::string& table) const {
    return R"({"table": ")" + table + R"(", "dsn_file": ")" + path_ + R"("})";
  }

 private:
  std::string path_;
};

TEST(PluginOptions, TheDsnFileMayEndInANewlineOrSpaces) {
  DsnFile file("host=db dbname=etl \n");
  EXPECT_EQ(read(file.config("t").c_str()).dsn, "host=db dbname=etl");
}

TEST(PluginOptions, AnEmptyDsnFileIsRefused) {
  DsnFile file(" \n");
  std::string error = config_error(file.config("t").c_str());
  EXPECT_NE(error.find("dsn_file"), std::string::npos) << error;
  EXPECT_NE(error.find("is empty"), std::string::npos) << error;
}

TEST(PluginOptions, RefusesWhatCannotWork) {
  EXPECT_NE(config_error(R"({})").find("missing option 'table'"), std::string::npos);
  EXPECT_NE(config_error(R"({"table": "s."})").find("must name a table"), std::string::npos);
  EXPECT_NE(config_error(R"({"table": "t", "columns": {"a": "x", "b": "x"}})")
                .find("two batch columns to table column x"),
            std::string::npos);
  EXPECT_NE(config_error(R"({"table": "t", "exactly_once": true})", "").find("pipeline's name"),
            std::string::npos);
}

}  // namespace
}  // namespace sluice::postgres
