#include "batch_commit.h"

#include <optional>

#include <pqxx/subtransaction>
#include <pqxx/transaction>

#include "copy_stream.h"
#include "server_failure.h"

namespace sluice::postgres {
namespace {

std::string quoted_column_list(const std::vector<TableColumn>& columns) {
  std::string list;
  for (const auto& column : columns) {
    if (!list.empty()) list += ", ";
    list += quote_identifier(column.name);
  }
  return list;
}

bool is_row_data_failure(const std::exception& error, pqxx::connection_base& connection) {
  return classify_failure(error, connection.is_open()) == FailureClass::kRowData;
}

class RangeWriter {
 public:
  RangeWriter(const PendingRows& pending, const WritePlan& plan)
      : pending_(pending), plan_(plan), quoted_columns_(quoted_column_list(plan.columns)) {
    for (const auto& column : plan.columns) column_names_.push_back(column.name);
  }

  // The fast way: rows straight into the target (and, with exactly_once,
  // their ids straight into the ledger, which refuses repeats).
  size_t write_direct(pqxx::transaction_base& tx) const {
    size_t rows = pending_.row_count();
    copy_lines(tx, plan_.quoted_target, quoted_columns_, pending_.lines(0, rows));
    if (plan_.ledger != nullptr) plan_.ledger->copy_entries(tx, pending_, 0, rows);
    return rows;
  }

  // Rows [first, last) in the way that copes with anything: through the
  // staging table with exactly_once, so repeated ids are skipped.
  size_t write_range(pqxx::transaction_base& tx, size_t first, size_t last) const {
    if (plan_.ledger == nullptr) {
      copy_lines(tx, plan_.quoted_target, quoted_columns_, pending_.lines(first, last));
      return last - first;
    }
    return plan_.ledger->write_staged(tx, pending_, first, last, plan_.quoted_target, plan_.columns);
  }

  // Writes what it can of [first, last) under savepoints, collecting the
  // rows that fail on their own.
  void isolate(pqxx::dbtransaction& tx, size_t first, size_t last, CommitOutcome& outcome) const {
    if (first == last) return;
    std::optional<std::string> reason;
    try {
      pqxx::subtransaction attempt(tx);
      size_t inserted = write_range(attempt, first, last);
      attempt.commit();
      outcome.rows_inserted += inserted;
      return;
    } catch (const std::exception& error) {
      if (!is_row_data_failure(error, tx.conn())) throw;
      reason = server_rejection_reason(error, column_names_);
    }
    if (last - first == 1) {
      outcome.rejections.push_back({first, *reason});
      return;
    }
    size_t middle = first + (last - first) / 2;
    isolate(tx, first, middle, outcome);
    isolate(tx, middle, last, outcome);
  }

 private:
  const PendingRows& pending_;
  const WritePlan& plan_;
  std::string quoted_columns_;
  std::vector<std::string> column_names_;
};

}  // namespace

CommitOutcome commit_pending(pqxx::connection_base& connection, const PendingRows& pending,
                             const WritePlan& plan) {
  RangeWriter writer(pending, plan);
  CommitOutcome outcome;
  if (pending.row_count() == 0) return outcome;
  // The common case costs no savepoints and no staging: one attempt at the
  // whole batch. A refused value or a repeated message id fails it.
  try {
    pqxx::work tx(connection);
    outcome.rows_inserted = writer.write_direct(tx);
    tx.commit();
    return outcome;
  } catch (const std::exception& error) {
    if (!is_row_data_failure(error, connection)) throw;
  }
  if (plan.prepare_staging) plan.prepare_staging(connection);
  pqxx::work tx(connection);
  writer.isolate(tx, 0, pending.row_count(), outcome);
  tx.commit();
  return outcome;
}

}  // namespace sluice::postgres
