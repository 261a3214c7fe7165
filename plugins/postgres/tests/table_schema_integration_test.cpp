#include "table_schema.h"

#include <gtest/gtest.h>

#include "sink_test_support.h"
#include "test_server.h"

namespace sluice::postgres {
namespace {

class TableSchemaTest : public testing::ServerTest {
 protected:
  std::optional<TableSchema> load(const std::string& table) {
    pqxx::connection connection(dsn());
    pqxx::read_transaction tx(connection);
    return load_table_schema(tx, TableName::parse(table));
  }
};

TEST_F(TableSchemaTest, ReadsTheUserLoginsTable) {
  exec("DROP TABLE IF EXISTS schema_logins; " + testing::user_logins_ddl("schema_logins"));
  std::optional<TableSchema> schema = load("schema_logins");
  ASSERT_TRUE(schema.has_value());
  ASSERT_EQ(schema->columns().size(), 7u);
  const TableColumn* device_type = schema->find("device_type");
  ASSERT_NE(device_type, nullptr);
  EXPECT_EQ(device_type->type.family, TypeFamily::kVarchar);
  EXPECT_EQ(device_type->type.max_chars, 32);
  EXPECT_EQ(device_type->type.sql_name, "character varying(32)");
  EXPECT_EQ(schema->find("app_version")->type.family, TypeFamily::kInteger);
  EXPECT_EQ(schema->find("create_date")->type.family, TypeFamily::kDate);
  EXPECT_EQ(schema->find("nope"), nullptr);
}

TEST_F(TableSchemaTest, AMissingTableIsNotAnError) {
  EXPECT_FALSE(load("no_such_table").has_value());
  EXPECT_FALSE(load("no_such_schema.t").has_value());
}

TEST_F(TableSchemaTest, DomainsAreDescribedByTheirBaseType) {
  exec(
      "DROP TABLE IF EXISTS schema_domains; DROP DOMAIN IF EXISTS short_code;"
      "CREATE DOMAIN short_code AS varchar(3) CHECK (VALUE <> '');"
      "CREATE TABLE schema_domains(code short_code NOT NULL, total numeric(8,2),"
      " doubled int GENERATED ALWAYS AS (1) STORED)");
  std::optional<TableSchema> schema = load("public.schema_domains");
  ASSERT_TRUE(schema.has_value());
  const TableColumn* code = schema->find("code");
  EXPECT_EQ(code->type.family, TypeFamily::kVarchar);
  EXPECT_EQ(code->type.max_chars, 3);
  EXPECT_TRUE(code->not_null);
  EXPECT_EQ(schema->find("total")->type.precision, 8);
  EXPECT_EQ(schema->find("total")->type.scale, 2);
  EXPECT_TRUE(schema->find("doubled")->generated);
}

TEST_F(TableSchemaTest, NamesAreTakenLiterally) {
  exec("DROP TABLE IF EXISTS \"Mixed \"\"Case\"\"\"; CREATE TABLE \"Mixed \"\"Case\"\"\"(\"Id\" int)");
  std::optional<TableSchema> schema = load("Mixed \"Case\"");
  ASSERT_TRUE(schema.has_value());
  EXPECT_NE(schema->find("Id"), nullptr);
  EXPECT_FALSE(load("mixed \"case\"").has_value());
}

}  // namespace
}  // namespace sluice::postgres
