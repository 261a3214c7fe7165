// The JSON Schema of the postgres sink's options, as `sluice plugins` shows
// it and the host validates pipeline files against it. README.md documents
// the same options in prose.
#pragma once

namespace sluice::postgres {

// batch_size stops at 1,000,000 rows: a flush's rows are held encoded in
// memory twice (the flush in flight and the next one filling), are sent as
// one COPY and one transaction, and are sent again whole after a lost
// connection; with exactly_once the ledger's entries for the flush are
// built in one buffer too. Past a million rows that is hundreds of MB per
// flush and minutes per retry, and the host's max_in_flight_rows (default
// 20000) means a batch that large fills only by flush_interval_ms anyway.
inline constexpr const char* kPluginConfigSchema = R"json({
  "type": "object",
  "properties": {
    "dsn": {"type": "string", "description": "libpq connection string or URI; PG* environment variables fill in what it leaves out. No default: without dsn, dsn_env and dsn_file the PG* variables alone say where to connect"},
    "dsn_env": {"type": "string", "description": "name of an environment variable holding the DSN (use instead of dsn when it carries a password)"},
    "dsn_file": {"type": "string", "description": "path of a file holding the DSN"},
    "table": {"type": "string", "description": "target table, `name` or `schema.name`, taken literally (case kept)"},
    "columns": {"type": "object", "additionalProperties": {"type": "string"}, "description": "batch column -> table column; default: every batch column whose name matches a table column"},
    "batch_size": {"type": "integer", "minimum": 1, "maximum": 1000000, "default": 10000, "description": "rows per COPY transaction; a flush starts when this many rows are pending"},
    "flush_interval_ms": {"type": "integer", "minimum": 1, "default": 1000, "description": "longest time a row waits before its flush"},
    "exactly_once": {"type": "boolean", "default": false, "description": "record message ids in a ledger table in the same transaction, so a redelivered message never adds a second row"},
    "message_id_column": {"type": "string", "default": "message_id", "description": "exactly_once: the batch column with the message id"},
    "ledger_table": {"type": "string", "default": "sluice_ledger", "description": "exactly_once: the ledger table, created when missing"},
    "ledger_retention_days": {"type": "integer", "minimum": 1, "default": 15, "description": "exactly_once: ledger entries older than this are pruned (SQS keeps a message at most 14 days)"},
    "ledger_prune_interval_minutes": {"type": "integer", "minimum": 1, "default": 60, "description": "exactly_once: how often old ledger entries are pruned"},
    "create_table": {"type": "boolean", "default": false, "description": "create the table from the first batch's column types when it is missing"},
    "retry_initial_backoff_ms": {"type": "integer", "minimum": 1, "default": 100, "description": "first wait before reconnecting after losing the server"},
    "retry_max_backoff_ms": {"type": "integer", "minimum": 1, "default": 10000, "description": "longest wait between reconnection attempts"},
    "retry_give_up_after_ms": {"type": "integer", "minimum": 0, "default": 300000, "description": "how long one flush keeps retrying before the pipeline stops with an error; 0 = forever"}
  },
  "required": ["table"],
  "additionalProperties": false
})json";

}  // namespace sluice::postgres
