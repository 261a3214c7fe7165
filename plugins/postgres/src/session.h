// The sink's one connection to the server, made on demand and replaced
// after it breaks. libpqxx's own silent reconnection is switched off: a new
// connection loses session state (the staging table), which the sink must
// know about, so it counts connections instead.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <pqxx/connection>

namespace sluice::postgres {

class Session {
 public:
  explicit Session(std::string dsn) : dsn_(std::move(dsn)) {}

  // A usable connection, connecting first if needed. Throws
  // pqxx::broken_connection when the server cannot be reached.
  pqxx::connection& connection();

  bool is_open() const { return connection_ && connection_->is_open(); }
  // Forgets the connection (after it broke).
  void reset() { connection_.reset(); }
  // Increases with every new connection.
  uint64_t generation() const { return generation_; }

 private:
  bool still_open();

  std::string dsn_;
  std::unique_ptr<pqxx::connection> connection_;
  uint64_t generation_ = 0;
};

}  // namespace sluice::postgres
