#include "identifier.h"

#include <gtest/gtest.h>

namespace sluice::postgres {
namespace {

TEST(Identifier, QuotesAndKeepsCase) {
  EXPECT_EQ(quote_identifier("user_logins"), "\"user_logins\"");
  EXPECT_EQ(quote_identifier("UserLogins"), "\"UserLogins\"");
}

TEST(Identifier, DoublesEmbeddedQuotesSoANameCannotEndTheIdentifier) {
  EXPECT_EQ(quote_identifier("x\"; DROP TABLE t; --"), "\"x\"\"; DROP TABLE t; --\"");
}

TEST(TableName, ReadsAnOptionalSchema) {
  TableName plain = TableName::parse("user_logins");
  EXPECT_FALSE(plain.schema.has_value());
  EXPECT_EQ(plain.quoted(), "\"user_logins\"");

  TableName qualified = TableName::parse("etl.user_logins");
  EXPECT_EQ(qualified.schema, "etl");
  EXPECT_EQ(qualified.name, "user_logins");
  EXPECT_EQ(qualified.quoted(), "\"etl\".\"user_logins\"");
  EXPECT_EQ(qualified.display(), "etl.user_logins");
}

}  // namespace
}  // namespace sluice::postgres
