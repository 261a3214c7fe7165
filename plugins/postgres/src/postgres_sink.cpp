#include "postgres_sink.h"

#include <random>

#include <pqxx/transaction>

#include "redaction.h"
#include "row_encoder.h"
#include "server_failure.h"
#include "table_creation.h"

namespace sluice::postgres {
namespace {

using Clock = std::chrono::steady_clock;

bool same_columns(const std::vector<BatchColumn>& a, const std::vector<BatchColumn>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].kind != b[i].kind) return false;
  }
  return true;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string joined;
  for (const auto& name : names) {
    if (!joined.empty()) joined += ", ";
    joined += name;
  }
  return joined;
}

}  // namespace

PostgresSink::PostgresSink(SinkOptions options, support::Logger log, support::Counter count)
    : options_(std::move(options)), log_(std::move(log)), count_(std::move(count)), session_(options_.dsn) {
  if (options_.exactly_once) {
    ledger_.emplace(options_.ledger_table, options_.pipeline_name, options_.table.display());
  }
}

support::Status PostgresSink::run_with_retry(const std::string& what,
                                             const std::function<void(pqxx::connection&)>& attempt) {
  DeadlineRetries policy(options_.retry, Clock::now(), std::random_device{}());
  for (;;) {
    try {
      uint64_t generation = session_.generation();
      pqxx::connection& connection = session_.connection();
      if (generation > 0 && session_.generation() != generation) {
        log_(support::LogLevel::kInfo, "reconnected to the server");
        if (count_) count_("reconnects", 1);
      }
      attempt(connection);
      return support::Status::success();
    } catch (const std::exception& error) {
      bool open = session_.is_open();
      std::string described = describe(error);
      FailureClass failure = classify_failure(error, open);
      if (failure == FailureClass::kRefused) return support::config_error(what + " failed: " + described);
      if (failure != FailureClass::kTransient) return support::internal_error(what + " failed: " + described);
      if (!open) session_.reset();
      std::optional<std::chrono::milliseconds> delay = policy.next_delay(Clock::now());
      if (!delay) {
        return support::unavailable_error(what + " failed after " + std::to_string(policy.attempts()) +
                                          " attempts: " + described);
      }
      log_(support::LogLevel::kWarn,
           what + " failed (" + described + "); retrying in " + std::to_string(delay->count()) + " ms");
      if (count_) count_("retries", 1);
      if (!worker_.sleep(*delay)) return support::unavailable_error(what + " abandoned: shutting down");
    }
  }
}

void PostgresSink::interrupt() { worker_.interrupt(); }

std::string PostgresSink::describe(const std::exception& error) const {
  return redact(describe_failure(error), options_.dsn);
}

support::Status PostgresSink::start() {
  // Checked before connecting: libpq would quote the malformed part (often
  // the password) in its error, and no retry can fix it.
  if (std::optional<std::string> malformed = dsn_parse_error(options_.dsn)) {
    return support::config_error("option 'dsn': " + *malformed);
  }
  if (std::string target = describe_dsn(options_.dsn); !target.empty()) {
    log_(support::LogLevel::kInfo, "connecting to " + target);
  }
  SLUICE_TRY(load_schema());
  if (!schema_ && !options_.create_table) {
    return support::config_error("table " + options_.table.display() +
                                 " does not exist (set create_table: true to create it)");
  }
  if (schema_ && options_.columns) {
    SLUICE_TRY(check_mapping_targets(*options_.columns, *schema_, options_.table.display()));
  }
  if (ledger_) {
    SLUICE_TRY(run_with_retry("creating the ledger table",
                              [this](pqxx::connection& c) { ledger_->ensure_table(c); }));
    prune_ledger_if_due();
  }
  return support::Status::success();
}

support::Status PostgresSink::load_schema() {
  return run_with_retry("reading the columns of table " + options_.table.display(),
                        [this](pqxx::connection& connection) {
                          pqxx::read_transaction tx(connection);
                          schema_ = load_table_schema(tx, options_.table);
                        });
}

support::Status PostgresSink::create_table_for(const std::vector<BatchColumn>& columns) {
  std::string statement = create_table_statement(options_.table, columns, options_.columns);
  SLUICE_TRY(run_with_retry("creating table " + options_.table.display(),
                            [&statement](pqxx::connection& connection) {
                              try {
                                pqxx::work tx(connection);
                                tx.exec0(statement);
                                tx.commit();
                              } catch (const std::exception& error) {
                                if (!lost_creation_race(error)) throw;
                              }
                            }));
  log_(support::LogLevel::kInfo, "created table " + options_.table.display());
  return load_schema();
}

support::Status PostgresSink::prepare_plan(const std::vector<BatchColumn>& columns,
                                           DeliveryReporter& reporter) {
  if (planned_for_ && same_columns(*planned_for_, columns)) return support::Status::success();
  // Pending rows follow the previous plan, and the session is about to be
  // used here: commit everything first.
  if (!pending_.empty()) {
    SLUICE_TRY(hand_off(reporter));
  }
  SLUICE_TRY(settle(true, reporter));
  if (!schema_ && options_.create_table) {
    SLUICE_TRY(create_table_for(columns));
  }
  if (!schema_) return support::config_error("table " + options_.table.display() + " does not exist");
  std::optional<std::string> message_id_column;
  if (options_.exactly_once) message_id_column = options_.message_id_column;
  SLUICE_ASSIGN_OR_RETURN(ColumnPlan plan, plan_columns(columns, *schema_, options_.columns,
                                                        message_id_column, options_.table.display()));
  if (!plan.unwritten.empty()) {
    log_(support::LogLevel::kInfo, "batch columns not written to table " + options_.table.display() + ": " +
                                       join_names(plan.unwritten));
  }
  plan_ = std::move(plan);
  planned_for_ = columns;
  write_plan_ = WritePlan{options_.table.quoted(), {}, ledger_ ? &*ledger_ : nullptr, nullptr};
  if (ledger_) {
    write_plan_.prepare_staging = [this](pqxx::connection_base& c) { prepare_staging(c); };
  }
  for (const auto& planned : plan_->columns) write_plan_.columns.push_back(planned.target);
  staging_generation_ = 0;  // the staging table must follow the new plan
  return support::Status::success();
}

support::Status PostgresSink::write(const InputBatch& batch, uint64_t write_id, DeliveryReporter& reporter) {
  SLUICE_TRY(settle(false, reporter));
  SLUICE_TRY(prepare_plan(batch.columns(), reporter));
  if (pending_.empty()) oldest_pending_ = Clock::now();
  encode_rows(batch, write_id, *plan_, pending_, reporter);
  if (pending_.row_count() >= options_.batch_size) return hand_off(reporter);
  return support::Status::success();
}

support::Status PostgresSink::flush(bool force, DeliveryReporter& reporter) {
  SLUICE_TRY(settle(false, reporter));
  bool due = !pending_.empty() && (force || pending_.row_count() >= options_.batch_size ||
                                   Clock::now() - oldest_pending_ >= options_.flush_interval);
  if (due) {
    SLUICE_TRY(hand_off(reporter));
  }
  return force ? settle(true, reporter) : support::Status::success();
}

support::Status PostgresSink::hand_off(DeliveryReporter& reporter) {
  // One flush at a time keeps commits in write order on one connection.
  SLUICE_TRY(settle(true, reporter));
  in_flight_.emplace(InFlight{std::move(pending_), {}, support::Status::success()});
  // Reuses the buffers of the last flush: no regrowing them row by row.
  pending_ = std::move(spare_);
  pending_.clear();
  worker_.start([this] { commit_in_flight(); });
  return support::Status::success();
}

support::Status PostgresSink::settle(bool wait, DeliveryReporter& reporter) {
  if (!in_flight_) return support::Status::success();
  if (wait) {
    worker_.wait();
  } else if (!worker_.idle()) {
    return support::Status::success();
  }
  // A failed flush stays in flight: its rows were never committed, and the
  // host stops the pipeline on the error.
  SLUICE_TRY(in_flight_->status);
  report(*in_flight_, reporter);
  spare_ = std::move(in_flight_->rows);
  in_flight_.reset();
  return support::Status::success();
}

// Runs on the worker thread.
void PostgresSink::commit_in_flight() {
  InFlight& flight = *in_flight_;
  if (flight.rows.row_count() > 0) {
    flight.status = run_with_retry(
        "writing " + std::to_string(flight.rows.row_count()) + " rows to table " + options_.table.display(),
        [this, &flight](pqxx::connection& connection) {
          flight.outcome = commit_pending(connection, flight.rows, write_plan_);
        });
  }
  if (flight.status.ok()) prune_ledger_if_due();
}

void PostgresSink::prepare_staging(pqxx::connection_base& connection) {
  if (staging_generation_ == session_.generation()) return;
  pqxx::work tx(connection);
  ledger_->create_staging(tx, write_plan_.columns);
  tx.commit();
  staging_generation_ = session_.generation();
}

void PostgresSink::report(const InFlight& flight, DeliveryReporter& reporter) {
  for (const auto& rejection : flight.outcome.rejections) {
    reporter.reject(flight.rows.origin(rejection.row), rejection.reason);
  }
  for (uint64_t write_id : flight.rows.writes()) reporter.committed(write_id);
  size_t sent = flight.rows.row_count() - flight.outcome.rejections.size();
  if (ledger_ && flight.outcome.rows_inserted < sent) {
    log_(support::LogLevel::kDebug, std::to_string(sent - flight.outcome.rows_inserted) +
                                        " rows skipped: their message ids are already in the ledger");
  }
}

void PostgresSink::prune_ledger_if_due() {
  if (!ledger_) return;
  auto now = Clock::now();
  if (last_prune_ != Clock::time_point{} && now - last_prune_ < options_.ledger_prune_interval) {
    return;
  }
  last_prune_ = now;
  try {
    size_t deleted = ledger_->prune(session_.connection(), options_.ledger_retention);
    if (deleted > 0) {
      log_(support::LogLevel::kInfo, "pruned " + std::to_string(deleted) + " ledger entries older than " +
                                         std::to_string(options_.ledger_retention.count()) + " hours");
    }
  } catch (const std::exception& error) {
    // Pruning is housekeeping: the next interval tries again.
    log_(support::LogLevel::kWarn, "pruning the ledger failed: " + describe(error));
    if (!session_.is_open()) session_.reset();
  }
}

}  // namespace sluice::postgres
