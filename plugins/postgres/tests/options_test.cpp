// Each option's default is stated once, in the plugin's JSON Schema, and the
// host fills it in: a sink given only its table must parse to exactly the
// schema's defaults. The walk fails when the schema gains a default that no
// check here reads back.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "plugin_options.h"
#include "postgres_sink_plugin.h"

namespace sluice::postgres {
namespace {

// Option -> its parsed value, as JSON.
using Parsed = std::map<std::string, nlohmann::json>;

void expect_schema_defaults_parsed(const char* schema_text, const Parsed& parsed) {
  for (const std::string& mismatch : sluice::schema_default_mismatches(schema_text, parsed))
    ADD_FAILURE() << mismatch;
}

TEST(SchemaDefaults, PostgresParsesTheSchemasDefaults) {
  const SinkOptions options =
      read_plugin_options(sluice::host_config<PostgresSinkPlugin>(R"({"table": "user_logins"})"), "logins");
  expect_schema_defaults_parsed(
      PostgresSinkPlugin::info.config_schema,
      {{"batch_size", options.batch_size},
       {"flush_interval_ms", options.flush_interval.count()},
       {"exactly_once", options.exactly_once},
       {"message_id_column", options.message_id_column},
       {"ledger_table", options.ledger_table.display()},
       {"ledger_retention_days",
        std::chrono::duration_cast<std::chrono::days>(options.ledger_retention).count()},
       {"ledger_prune_interval_minutes",
        std::chrono::duration_cast<std::chrono::minutes>(options.ledger_prune_interval).count()},
       {"create_table", options.create_table},
       {"retry_initial_backoff_ms", options.retry.initial_backoff.count()},
       {"retry_max_backoff_ms", options.retry.max_backoff.count()},
       {"retry_give_up_after_ms", options.retry.give_up_after.count()}});
}

// dsn has no default: without it (and without dsn_env / dsn_file) libpq's
// PG* variables alone say where to connect.
TEST(SchemaDefaults, WithoutADsnLibpqReadsThePgVariables) {
  const SinkOptions options =
      read_plugin_options(sluice::host_config<PostgresSinkPlugin>(R"({"table": "user_logins"})"), "logins");
  EXPECT_EQ(options.dsn, "");
  EXPECT_FALSE(options.columns.has_value());
}

}  // namespace
}  // namespace sluice::postgres
