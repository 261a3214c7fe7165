#include "plugin_options.h"

#include <set>

namespace sluice::postgres {
namespace {

std::string read_dsn(const sluice::Config& config) {
  std::optional<sluice::Secret> secret = sluice::read_optional_secret(config, "dsn");
  if (secret && config.has("dsn")) {
    throw sluice::ConfigError("give only one of 'dsn', 'dsn_env' and 'dsn_file'");
  }
  return secret ? secret->value() : config.string("dsn");
}

TableName read_table(const sluice::Config& config, std::string_view key, std::string fallback = "") {
  std::string name =
      fallback.empty() ? config.require<std::string>(key) : config.string(key, std::move(fallback));
  TableName table = TableName::parse(name);
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

int64_t positive(const sluice::Config& config, std::string_view key, int64_t fallback) {
  int64_t value = config.int64(key, fallback);
  if (value < 1) throw sluice::ConfigError("option '" + config.path(key) + "' must be at least 1");
  return value;
}

RetryOptions read_retry(const sluice::Config& config) {
  RetryOptions retry;
  retry.initial_backoff = std::chrono::milliseconds(positive(config, "retry_initial_backoff_ms", 100));
  retry.max_backoff = std::chrono::milliseconds(positive(config, "retry_max_backoff_ms", 10'000));
  int64_t give_up = config.int64("retry_give_up_after_ms", 300'000);
  if (give_up < 0) {
    throw sluice::ConfigError("option 'retry_give_up_after_ms' must be 0 (never) or more");
  }
  retry.give_up_after = std::chrono::milliseconds(give_up);
  return retry;
}

}  // namespace

SinkOptions read_plugin_options(const sluice::Config& config, std::string_view pipeline_name) {
  SinkOptions options;
  options.dsn = read_dsn(config);
  options.table = read_table(config, "table");
  options.columns = read_columns(config);
  options.batch_size = static_cast<size_t>(positive(config, "batch_size", 10'000));
  options.flush_interval = std::chrono::milliseconds(positive(config, "flush_interval_ms", 1'000));
  options.exactly_once = config.boolean("exactly_once", false);
  options.message_id_column = config.string("message_id_column", "message_id");
  options.create_table = config.boolean("create_table", false);
  options.ledger_table = read_table(config, "ledger_table", "sluice_ledger");
  options.ledger_retention = std::chrono::hours(24 * positive(config, "ledger_retention_days", 15));
  options.ledger_prune_interval = std::chrono::minutes(positive(config, "ledger_prune_interval_minutes", 60));
  options.retry = read_retry(config);
  options.pipeline_name = std::string(pipeline_name);
  if (options.exactly_once && options.pipeline_name.empty()) {
    throw sluice::ConfigError("exactly_once needs the pipeline's name to key its ledger entries");
  }
  return options;
}

}  // namespace sluice::postgres
