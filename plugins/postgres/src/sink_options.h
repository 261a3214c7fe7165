// Everything the PostgreSQL sink can be told. The plugin's options, and
// their defaults, are stated once in its JSON Schema (plugin/
// plugin_config_schema.h); plugin/plugin_options.cpp fills this from the
// step's options, and the server tests take theirs from there too
// (tests/sink_test_support.h), so no default is written here.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "column_plan.h"
#include "deadline_retries.h"
#include "identifier.h"

namespace sluice::postgres {

struct SinkOptions {
  std::string dsn;  // libpq conninfo or URI; empty: PG* variables alone
  TableName table;
  std::optional<ColumnMapping> columns;
  size_t batch_size{};
  std::chrono::milliseconds flush_interval{};
  bool exactly_once{};
  std::string message_id_column;
  bool create_table{};
  TableName ledger_table;
  std::chrono::hours ledger_retention{};
  std::chrono::milliseconds ledger_prune_interval{};
  RetryOptions retry;
  std::string pipeline_name;  // with the table, keys the ledger entries
};

}  // namespace sluice::postgres
