// Everything the PostgreSQL sink can be told. The plugin's options, and
// their defaults, are stated once in its JSON Schema (plugin/
// plugin_config_schema.h) and read by plugin/plugin_options.cpp; the values
// below serve code that builds a sink without the host (the server tests).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "column_plan.h"
#include "identifier.h"
#include "retry_policy.h"

namespace sluice::postgres {

struct SinkOptions {
  std::string dsn;  // libpq conninfo or URI; empty: PG* variables alone
  TableName table;
  std::optional<ColumnMapping> columns;
  size_t batch_size = 10'000;
  std::chrono::milliseconds flush_interval{1'000};
  bool exactly_once = false;
  std::string message_id_column = "message_id";
  bool create_table = false;
  TableName ledger_table{std::nullopt, "sluice_ledger"};
  // SQS keeps a message at most 14 days; one more day covers clock skew and
  // a message redelivered right at the end of its life.
  std::chrono::hours ledger_retention{15 * 24};
  std::chrono::milliseconds ledger_prune_interval{3'600'000};
  RetryOptions retry;
  std::string pipeline_name;  // with the table, keys the ledger entries
};

}  // namespace sluice::postgres
