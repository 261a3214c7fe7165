// One flush: every pending row in one transaction. When the server refuses
// the batch for a row's data, the rows at fault are found by bisection
// under savepoints and left out; the rest still commits.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <pqxx/connection_base>

#include "ledger.h"
#include "pending_rows.h"
#include "table_schema.h"

namespace sluice::postgres {

struct WritePlan {
  std::string quoted_target;
  std::vector<TableColumn> columns;  // the COPY columns, in line order
  const Ledger* ledger = nullptr;    // set with exactly_once
  // exactly_once: makes sure this session has the staging table.
  std::function<void(pqxx::connection_base&)> prepare_staging;
};

struct ServerRejection {
  size_t row;  // index into the pending rows
  std::string reason;
};

struct CommitOutcome {
  std::vector<ServerRejection> rejections;
  size_t rows_inserted = 0;  // less than sent with exactly_once when ids repeat
};

// Commits the pending rows. Throws (pqxx exceptions) for anything that is
// not a single row's fault, with nothing committed.
CommitOutcome commit_pending(pqxx::connection_base& connection, const PendingRows& pending,
                             const WritePlan& plan);

}  // namespace sluice::postgres
