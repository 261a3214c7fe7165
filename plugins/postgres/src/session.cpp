#include "session.h"

#include <pqxx/nontransaction>

namespace sluice::postgres {
namespace {

// Shows the sink in pg_stat_activity unless the DSN or PGAPPNAME named it.
void name_the_session(pqxx::connection& connection) {
  pqxx::nontransaction tx(connection);
  tx.exec(
      "SELECT CASE WHEN current_setting('application_name') = '' "
      "THEN set_config('application_name', 'sluice', false) END");
}

}  // namespace

bool Session::still_open() {
  if (!is_open()) return false;
  // libpq notices that the server closed an idle connection (a restart, a
  // terminated backend) only when it reads: the first read takes the
  // server's goodbye, the second the end of the stream. Neither blocks.
  // Finding out here, rather than with the next statement, also avoids a
  // libpqxx 6.4 leak of that statement's result.
  try {
    connection_->get_notifs();
    connection_->get_notifs();
  } catch (const pqxx::broken_connection&) {
    return false;
  }
  return is_open();
}

pqxx::connection& Session::connection() {
  if (still_open()) return *connection_;
  connection_.reset();
  // The DSN goes to libpq untouched: conninfo or URI, with PG* variables
  // and sslmode as libpq documents them.
  auto fresh = std::make_unique<pqxx::connection>(dsn_);
  // Deprecated in 6.4 only because 7.x drops reactivation altogether; until
  // then a silent reconnection could lose the staging table unnoticed.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  fresh->inhibit_reactivation(true);
#pragma GCC diagnostic pop
  // COPY lines are UTF-8 whatever the server's or the environment's default.
  fresh->set_client_encoding("UTF8");
  name_the_session(*fresh);
  connection_ = std::move(fresh);
  ++generation_;
  return *connection_;
}

}  // namespace sluice::postgres
