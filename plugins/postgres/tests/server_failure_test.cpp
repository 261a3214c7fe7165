#include "server_failure.h"

#include <gtest/gtest.h>
#include <pqxx/except>

namespace sluice::postgres {
namespace {

const std::vector<std::string> kColumns = {"device_type", "app_version"};

TEST(ServerFailure, DataErrorsAreTheRowsFault) {
  pqxx::data_exception bad_input("ERROR:  invalid input syntax for type integer: \"abc\"", "", "22P02");
  EXPECT_EQ(classify_failure(bad_input, true), FailureClass::kRowData);
  pqxx::sql_error not_null("ERROR:  null value in column \"x\"", "", "23502");
  EXPECT_EQ(classify_failure(not_null, true), FailureClass::kRowData);
}

TEST(ServerFailure, LostConnectionsAndRestartsAreTransient) {
  EXPECT_EQ(classify_failure(pqxx::broken_connection("server closed the connection"), false),
            FailureClass::kTransient);
  EXPECT_EQ(classify_failure(pqxx::in_doubt_error("commit outcome unknown"), false),
            FailureClass::kTransient);
  pqxx::sql_error shutdown("ERROR:  terminating connection due to administrator command", "", "57P01");
  EXPECT_EQ(classify_failure(shutdown, true), FailureClass::kTransient);
  pqxx::sql_error deadlock("ERROR:  deadlock detected", "", "40P01");
  EXPECT_EQ(classify_failure(deadlock, true), FailureClass::kTransient);
  // A failure without a SQLSTATE that took the connection with it.
  EXPECT_EQ(classify_failure(pqxx::failure("Error writing to table"), false), FailureClass::kTransient);
}

TEST(ServerFailure, WrongCredentialsOrDatabaseAreNotWorthWaitingFor) {
  pqxx::broken_connection auth("FATAL:  password authentication failed for user \"etl\"");
  EXPECT_EQ(classify_failure(auth, false), FailureClass::kRefused);
  pqxx::broken_connection no_db("FATAL:  database \"nope\" does not exist");
  EXPECT_EQ(classify_failure(no_db, false), FailureClass::kRefused);
  pqxx::broken_connection no_password(
      "connection to server at \"127.0.0.1\", port 5432 failed: fe_sendauth: no password supplied");
  EXPECT_EQ(classify_failure(no_password, false), FailureClass::kRefused);
  pqxx::broken_connection malformed("invalid percent-encoded token: \"Pa%zz\"");
  EXPECT_EQ(classify_failure(malformed, false), FailureClass::kRefused);
}

TEST(ServerFailure, AnUnreachableServerIsWorthWaitingFor) {
  pqxx::broken_connection refused(
      "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n"
      "\tIs the server running on that host and accepting TCP/IP connections?");
  EXPECT_EQ(classify_failure(refused, false), FailureClass::kTransient);
}

TEST(ServerFailure, SchemaAndPermissionErrorsAreFatal) {
  pqxx::sql_error missing("ERROR:  relation \"t\" does not exist", "", "42P01");
  EXPECT_EQ(classify_failure(missing, true), FailureClass::kFatal);
  pqxx::sql_error denied("ERROR:  permission denied for table t", "", "42501");
  EXPECT_EQ(classify_failure(denied, true), FailureClass::kFatal);
}

TEST(ServerFailure, RejectionReasonNamesTheColumnFromTheCopyContext) {
  pqxx::data_exception error(
      "ERROR:  invalid input syntax for type integer: \"secret\"\n"
      "CONTEXT:  COPY sluice_staging, line 3, column app_version: \"secret\"\n",
      "", "22P02");
  std::string reason = server_rejection_reason(error, kColumns);
  EXPECT_EQ(reason, "column app_version: invalid input syntax (SQLSTATE 22P02)");
}

TEST(ServerFailure, RejectionReasonNamesTheColumnAndConstraint) {
  pqxx::sql_error not_null(
      "ERROR:  null value in column \"device_type\" of relation \"t\" violates not-null "
      "constraint\nDETAIL:  Failing row contains (secret, null).\n",
      "", "23502");
  EXPECT_EQ(server_rejection_reason(not_null, kColumns),
            "column device_type: NOT NULL violation (SQLSTATE 23502)");
  pqxx::sql_error check(
      "ERROR:  new row for relation \"t\" violates check constraint \"positive\"\n"
      "DETAIL:  Failing row contains (secret).\n",
      "", "23514");
  EXPECT_EQ(server_rejection_reason(check, kColumns),
            "check constraint violation (constraint positive) (SQLSTATE 23514)");
}

TEST(ServerFailure, NeverRepeatsAnythingButKnownColumnNames) {
  pqxx::data_exception error("ERROR:  value too long\nCONTEXT:  COPY t, line 1, column secret: \"x\"\n", "",
                             "22001");
  std::string reason = server_rejection_reason(error, kColumns);
  EXPECT_EQ(reason.find("secret"), std::string::npos) << reason;
  EXPECT_EQ(describe_failure(error), "value too long for the column (SQLSTATE 22001)");
}

TEST(ServerFailure, RecognisesACreationRaceLost) {
  pqxx::sql_error race(
      "ERROR:  duplicate key value violates unique constraint "
      "\"pg_type_typname_nsp_index\"",
      "", "23505");
  EXPECT_TRUE(lost_creation_race(race));
  EXPECT_TRUE(lost_creation_race(pqxx::sql_error("ERROR:  relation exists", "", "42P07")));
  EXPECT_FALSE(lost_creation_race(pqxx::sql_error("ERROR:  permission denied", "", "42501")));
}

TEST(ServerFailure, DescribesOtherFailuresByTheirFirstLine) {
  pqxx::sql_error missing("ERROR:  relation \"t\" does not exist\nLINE 1: ...", "", "42P01");
  EXPECT_EQ(describe_failure(missing), "relation \"t\" does not exist (SQLSTATE 42P01)");
}

}  // namespace
}  // namespace sluice::postgres
