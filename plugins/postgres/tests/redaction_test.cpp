// The redaction rule: no DSN password, URL user info or unparsable DSN
// fragment in anything the sink says.
#include "redaction.h"

#include <gtest/gtest.h>

namespace sluice::postgres {
namespace {

constexpr const char* kSecret = "S3cretPw";

TEST(Redaction, AMalformedUriIsReportedWithoutItsPassword) {
  const std::string dsn = "postgresql://loader:Pa%zzS3cret@127.0.0.1:5432/x";
  std::optional<std::string> error = dsn_parse_error(dsn);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->find("S3cret"), std::string::npos) << *error;
  EXPECT_EQ(error->find("Pa%zz"), std::string::npos) << *error;
  EXPECT_NE(error->find("invalid percent-encoded token"), std::string::npos) << *error;
}

TEST(Redaction, AStrayBracketDoesNotPrintTheUri) {
  const std::string dsn = std::string("postgresql://loader:") + kSecret + "@[127.0.0.1:5432/x";
  std::optional<std::string> error = dsn_parse_error(dsn);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->find(kSecret), std::string::npos) << *error;
  EXPECT_EQ(error->find("127.0.0.1"), std::string::npos) << *error;
}

TEST(Redaction, AMalformedConninfoIsReportedWithoutItsParts) {
  const std::string dsn = std::string("host=db password=") + kSecret + " " + kSecret + "x";
  std::optional<std::string> error = dsn_parse_error(dsn);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->find(kSecret), std::string::npos) << *error;
  EXPECT_NE(error->find("missing \"=\""), std::string::npos) << *error;
}

TEST(Redaction, AWellFormedDsnParses) {
  EXPECT_FALSE(dsn_parse_error("postgresql://loader:pw@127.0.0.1:5432/x?sslmode=disable"));
  EXPECT_FALSE(dsn_parse_error("host=db port=5432 password='a b'"));
  EXPECT_FALSE(dsn_parse_error(""));
}

TEST(Redaction, MasksThePasswordWhereverAMessageRepeatsIt) {
  const std::string uri = std::string("postgresql://loader:") + kSecret + "@db:5432/x";
  EXPECT_EQ(redact(std::string("server said ") + kSecret + " twice: " + kSecret, uri),
            "server said *** twice: ***");
  const std::string conninfo = std::string("host=db password='") + kSecret + "'";
  EXPECT_EQ(redact(std::string("x ") + kSecret, conninfo), "x ***");
}

TEST(Redaction, MasksThePercentEncodedAndTheDecodedPassword) {
  const std::string uri = "postgresql://loader:p%40ss%2Fword@db/x";
  std::string said = redact("raw p%40ss%2Fword, decoded p@ss/word", uri);
  EXPECT_EQ(said.find("p%40ss"), std::string::npos) << said;
  EXPECT_EQ(said.find("p@ss/word"), std::string::npos) << said;
}

TEST(Redaction, StripsUserInfoFromAnyUrl) {
  EXPECT_EQ(redact("to postgresql://u:pw@db:5432/x failed", ""), "to postgresql://db:5432/x failed");
  EXPECT_EQ(redact("at \"postgres://u:p/w@d@db/x\"", ""), "at \"postgres://db/x\"");
  EXPECT_EQ(redact("http://host/path stays", ""), "http://host/path stays");
}

TEST(Redaction, MasksPasswordKeywords) {
  EXPECT_EQ(redact("dsn host=db password=hunter2 user=u", ""), "dsn host=db password=*** user=u");
  EXPECT_EQ(redact("password = 'a b\\' c' user=u", ""), "password = *** user=u");
}

TEST(Redaction, LeavesMessagesWithoutSecretsAlone) {
  const std::string message =
      "connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  password authentication "
      "failed for user \"loader\"";
  EXPECT_EQ(redact(message, std::string("postgresql://loader:") + kSecret + "@127.0.0.1/x"), message);
}

TEST(Redaction, DescribesTheDsnWithoutThePassword) {
  std::string described = describe_dsn(std::string("postgresql://loader:") + kSecret + "@db:6432/logins");
  EXPECT_EQ(described, "host=db port=6432 dbname=logins user=loader");
  EXPECT_EQ(describe_dsn(std::string("host=db password=") + kSecret), "host=db");
  EXPECT_EQ(describe_dsn("postgresql://u:pw@[db/x"), "");
}

}  // namespace
}  // namespace sluice::postgres
