// The PostgreSQL server the integration tests write to: the one
// with_postgres.py started (SLUICE_PG_TEST_DSN). Outside CTest the tests skip
// without it; under CTest (SLUICE_PG_TEST_REQUIRED=1) its absence fails them.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

namespace sluice::postgres::testing {

inline std::optional<std::string> test_server_dsn() {
  const char* dsn = std::getenv("SLUICE_PG_TEST_DSN");
  if (dsn == nullptr || *dsn == '\0') return std::nullopt;
  return std::string(dsn);
}

inline bool test_server_required() {
  const char* required = std::getenv("SLUICE_PG_TEST_REQUIRED");
  return required != nullptr && std::string(required) == "1";
}

inline std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// Base fixture: skips or fails without a server; runs SQL for set-up and checks.
class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<std::string> dsn = test_server_dsn();
    if (!dsn) {
      if (test_server_required()) FAIL() << "SLUICE_PG_TEST_DSN is not set";
      GTEST_SKIP() << "no PostgreSQL: set SLUICE_PG_TEST_DSN or run through CTest";
    }
    dsn_ = *dsn;
  }

  const std::string& dsn() const { return dsn_; }

  void exec(const std::string& sql) {
    pqxx::connection connection(dsn_);
    pqxx::work tx(connection);
    tx.exec(sql);
    tx.commit();
  }

  // Every row of `sql` as strings, NULL as "<null>".
  std::vector<std::vector<std::string>> query(const std::string& sql) {
    pqxx::connection connection(dsn_);
    pqxx::read_transaction tx(connection);
    std::vector<std::vector<std::string>> rows;
    for (const auto& row : tx.exec(sql)) {
      std::vector<std::string> fields;
      for (const auto& field : row) fields.push_back(field.is_null() ? "<null>" : field.c_str());
      rows.push_back(std::move(fields));
    }
    return rows;
  }

  int64_t count(const std::string& table) { return std::stoll(query("SELECT count(*) FROM " + table)[0][0]); }

  // Ends every other client connection, as a server restart would, and
  // waits until those backends are gone.
  void terminate_other_sessions() {
    exec(
        "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity "
        "WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'");
  }

 private:
  std::string dsn_;
};

}  // namespace sluice::postgres::testing
