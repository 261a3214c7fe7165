// exactly_once: the ledger table records, per (pipeline, target table,
// message id), that a message's row is committed, in the same transaction
// as the row. Entries older than the retention (longer than SQS keeps any
// message) are pruned.
//
// Two ways to write a batch through it:
//  - direct: COPY the rows into the target and their ids into the ledger.
//    The ledger's primary key refuses an id it already has, failing the
//    transaction: the common case (no repeats) costs two COPYs.
//  - staged: COPY rows and ids into a session-local staging table, then one
//    statement records the ids that are new (ON CONFLICT DO NOTHING
//    RETURNING) and inserts only their rows. Used when the direct way fails.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <pqxx/connection_base>
#include <pqxx/transaction_base>

#include "identifier.h"
#include "pending_rows.h"
#include "table_schema.h"

namespace sluice::postgres {

class Ledger {
 public:
  // `pipeline` and `target` form the key prefix of this sink's entries.
  Ledger(TableName table, std::string pipeline, std::string target);

  // Creates the ledger table and its index when missing.
  void ensure_table(pqxx::connection_base& connection) const;

  // Direct: the ids of rows [first, last) into the ledger. Throws a unique
  // violation when one is there already.
  void copy_entries(pqxx::transaction_base& tx, const PendingRows& rows, size_t first, size_t last) const;

  // Staged: a session-local staging table with `columns`' types plus the
  // message id (replacing any earlier one).
  void create_staging(pqxx::transaction_base& tx, const std::vector<TableColumn>& columns) const;
  // Staged: rows [first, last) into `quoted_target` unless their id is in
  // the ledger; records the new ids. Returns the rows inserted.
  size_t write_staged(pqxx::transaction_base& tx, const PendingRows& rows, size_t first, size_t last,
                      const std::string& quoted_target, const std::vector<TableColumn>& columns) const;

  // Deletes this sink's entries committed more than `retention` ago.
  size_t prune(pqxx::connection_base& connection, std::chrono::hours retention) const;

 private:
  TableName table_;
  std::string pipeline_;
  std::string target_;
  std::string entry_prefix_;  // pipeline and target as the first two COPY fields
};

}  // namespace sluice::postgres
