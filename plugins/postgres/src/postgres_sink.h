// The PostgreSQL sink: converts rows as they are written, commits them with
// COPY in one transaction per flush (through the ledger with exactly_once)
// on a worker thread while the next batch is being converted, reports a
// write committed only after COMMIT, and rides out server restarts by
// reconnecting and retrying the uncommitted rows.
//
// Threading: the public functions are called from one thread at a time
// (the host's rule). The session is used by the worker while a flush is in
// flight and by the caller only while the worker is idle.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <sluice/support/log.hpp>
#include <sluice/support/status.hpp>

#include "batch_commit.h"
#include "column_plan.h"
#include "delivery_reporter.h"
#include "flush_worker.h"
#include "input_batch.h"
#include "ledger.h"
#include "pending_rows.h"
#include "session.h"
#include "sink_options.h"

#include "table_schema.h"

namespace sluice::postgres {

class PostgresSink {
 public:
  // `count` adds to a counter the host exports ("retries", "reconnects"); may be empty.
  PostgresSink(SinkOptions options, support::Logger log, support::Counter count = {});
  // The worker's jobs point into the instance.
  PostgresSink(const PostgresSink&) = delete;
  PostgresSink& operator=(const PostgresSink&) = delete;

  // Connects, reads the table's columns, checks the mapped ones, and with
  // exactly_once creates the ledger if needed and prunes it.
  support::Status start();

  // Converts and buffers one batch; rows that cannot be converted are
  // rejected at once. Hands batch_size rows to the worker; reports flushes
  // that have finished.
  support::Status write(const InputBatch& batch, uint64_t write_id, DeliveryReporter& reporter);

  // Reports finished flushes; starts one when rows are due (batch_size,
  // flush_interval); with `force` commits everything and waits for it.
  support::Status flush(bool force, DeliveryReporter& reporter);

  // The host is stopping: a retry backoff in progress ends now and none
  // starts later, so the write or flush waiting on it returns Unavailable
  // with its rows uncommitted (the transaction was never committed: the
  // host offers them again). Callable from any thread, while write/flush run.
  void interrupt();

 private:
  // A flush handed to the worker: its rows, and what became of them.
  struct InFlight {
    PendingRows rows;
    CommitOutcome outcome;
    support::Status status;
  };

  support::Status run_with_retry(const std::string& what,
                                 const std::function<void(pqxx::connection&)>& attempt);
  // describe_failure() through the DSN's redaction: for every log line
  // and status built from an exception.
  std::string describe(const std::exception& error) const;
  support::Status load_schema();
  support::Status create_table_for(const std::vector<BatchColumn>& columns);
  support::Status prepare_plan(const std::vector<BatchColumn>& columns, DeliveryReporter& reporter);
  support::Status hand_off(DeliveryReporter& reporter);
  support::Status settle(bool wait, DeliveryReporter& reporter);
  void commit_in_flight();
  void prepare_staging(pqxx::connection_base& connection);
  void prune_ledger_if_due();
  void report(const InFlight& flight, DeliveryReporter& reporter);

  SinkOptions options_;
  support::Logger log_;
  support::Counter count_;
  Session session_;
  std::optional<Ledger> ledger_;
  std::optional<TableSchema> schema_;
  std::optional<std::vector<BatchColumn>> planned_for_;
  WritePlan write_plan_;
  std::optional<ColumnPlan> plan_;
  PendingRows pending_;
  PendingRows spare_;  // a committed flush's buffers, for the next one
  std::chrono::steady_clock::time_point oldest_pending_{};
  std::chrono::steady_clock::time_point last_prune_{};
  uint64_t staging_generation_ = 0;
  std::optional<InFlight> in_flight_;
  FlushWorker worker_;  // last: joined before the members its jobs use go
};

}  // namespace sluice::postgres
