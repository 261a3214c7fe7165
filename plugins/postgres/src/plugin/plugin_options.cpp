#include "plugin_options.h"

#include <set>

namespace sluice::postgres {
namespace {

// Without any of dsn, dsn_env and dsn_file, libpq's PG* variables alone say
// where to connect: the empty conninfo.
std::string read_dsn(const sluice::Config& config) {
  std::optional<sluice::Secret> secret = sluice::read_optional_secret(config, "dsn");
  if (secret && config.has("dsn")) {
    throw sluice::ConfigError("give only one of 'dsn', 'dsn_env' and 'dsn_file'");
  }
  if (secret) return secret->value();
  return config.has("dsn") ? config.require<std::string>("dsn") : std::string();
}

TableName read_table(const sluice::Config& config, std::string_view key) {
  TableName table = TableName::parse(config.require<std::string>(key));
  if (table.name.empty() || (table.schema && table.schema->empty())) {
    throw sluice::ConfigError("option '" + config.path(key) + "' must name a table");
  }
  return table;
}

std::optional<ColumnMapping> read_columns(const sluice::Config& config) {
  if (!config.has("columns")) return std::nullopt;
  ColumnMapping mapping;
  std::set<std::string> targets;
  for (const auto& [batch_column, table_column] : config.string_map("columns")) {
    if (!targets.insert(table_column).second) {
      throw sluice::ConfigError("option 'columns' maps two batch columns to table column " + table_column);
    }
    mapping.emplace_back(batch_column, table_column);
  }
  if (mapping.empty()) throw sluice::ConfigError("option 'columns' maps no column");
  return mapping;
}

std::chrono::milliseconds milliseconds(const sluice::Config& config, std::string_view key) {
  return std::chrono::milliseconds(config.require<int64_t>(key));
}

RetryOptions read_retry(const sluice::Config& config) {
  RetryOptions retry;
  retry.initial_backoff = milliseconds(config, "retry_initial_backoff_ms");
  retry.max_backoff = milliseconds(config, "retry_max_backoff_ms");
  retry.give_up_after = milliseconds(config, "retry_give_up_after_ms");
  return retry;
}

}  // namespace

SinkOptions read_plugin_options(const sluice::Config& config, std::string_view pipeline_name) {
  SinkOptions options;
  options.dsn = read_dsn(config);
  options.table = read_table(config, "table");
  options.columns = read_columns(config);
  options.batch_size = static_cast<size_t>(config.require<int64_t>("batch_size"));
  options.flush_interval = milliseconds(config, "flush_interval_ms");
  options.exactly_once = config.require<bool>("exactly_once");
  options.message_id_column = config.require<std::string>("message_id_column");
  options.create_table = config.require<bool>("create_table");
  options.ledger_table = read_table(config, "ledger_table");
  options.ledger_retention = std::chrono::hours(24 * config.require<int64_t>("ledger_retention_days"));
  options.ledger_prune_interval =
      std::chrono::minutes(config.require<int64_t>("ledger_prune_interval_minutes"));
  options.retry = read_retry(config);
  options.pipeline_name = std::string(pipeline_name);
  if (options.exactly_once && options.pipeline_name.empty()) {
    throw sluice::ConfigError("exactly_once needs the pipeline's name to key its ledger entries");
  }
  return options;
}

}  // namespace sluice::postgres
