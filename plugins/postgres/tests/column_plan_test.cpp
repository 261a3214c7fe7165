#include "column_plan.h"

#include <gtest/gtest.h>

namespace sluice::postgres {
namespace {

TableColumn column(const char* name, const char* type_name, int32_t modifier, const char* sql_name) {
  return {name, ColumnType::from_catalog(type_name, modifier, sql_name), false, false};
}

// The user_logins table of the spec, plus a generated column.
TableSchema user_logins() {
  TableColumn generated = column("loaded_at", "timestamptz", -1, "timestamptz");
  generated.generated = true;
  return TableSchema({column("user_id", "varchar", 132, "character varying(128)"),
                      column("device_type", "varchar", 36, "character varying(32)"),
                      column("app_version", "int4", -1, "integer"), column("create_date", "date", -1, "date"),
                      generated});
}

const std::vector<BatchColumn> kBatch = {
    {"message_id", ValueKind::kText},   {"user_id", ValueKind::kText},     {"device_type", ValueKind::kText},
    {"app_version", ValueKind::kInt64}, {"create_date", ValueKind::kDate}, {"body", ValueKind::kText}};

TEST(ColumnPlan, WithoutMappingWritesEqualNamesAndListsTheRest) {
  support::Result<ColumnPlan> plan = plan_columns(kBatch, user_logins(), std::nullopt, std::nullopt, "t");
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  ASSERT_EQ(plan->columns.size(), 4u);
  EXPECT_EQ(plan->columns[0].target.name, "user_id");
  EXPECT_EQ(plan->columns[0].batch_index, 1u);
  EXPECT_EQ(plan->unwritten, (std::vector<std::string>{"message_id", "body"}));
}

TEST(ColumnPlan, TheMessageIdForTheLedgerIsNotUnwritten) {
  support::Result<ColumnPlan> plan =
      plan_columns(kBatch, user_logins(), std::nullopt, std::string("message_id"), "t");
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->message_id_index, 0u);
  EXPECT_EQ(plan->unwritten, (std::vector<std::string>{"body"}));
}

TEST(ColumnPlan, MappingRenamesAndWritesOnlyWhatItLists) {
  ColumnMapping mapping = {{"body", "user_id"}, {"device_type", "device_type"}};
  support::Result<ColumnPlan> plan = plan_columns(kBatch, user_logins(), mapping, std::nullopt, "t");
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->columns.size(), 2u);
  EXPECT_EQ(plan->columns[0].batch_index, 5u);
  EXPECT_EQ(plan->columns[0].target.name, "user_id");
}

TEST(ColumnPlan, SaysWhichColumnsDoNotFit) {
  std::vector<BatchColumn> batch = {{"device_type", ValueKind::kText},
                                    {"app_version", ValueKind::kBoolean},
                                    {"create_date", ValueKind::kTimestamp}};
  support::Result<ColumnPlan> plan = plan_columns(batch, user_logins(), std::nullopt, std::nullopt, "t");
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), support::StatusCode::kConfig);
  const std::string& message = plan.status().message();
  EXPECT_NE(message.find("batch column app_version (bool) cannot go into column app_version "
                         "(integer)"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("create_date (timestamp) cannot go into column create_date (date)"),
            std::string::npos)
      << message;
}

TEST(ColumnPlan, MissingMappedColumnsAreConfigurationErrors) {
  ColumnMapping mapping = {{"nope", "user_id"}, {"user_id", "no_such_column"}};
  support::Result<ColumnPlan> plan = plan_columns(kBatch, user_logins(), mapping, std::nullopt, "t");
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("batch column nope"), std::string::npos);
  EXPECT_NE(plan.status().message().find("no column no_such_column"), std::string::npos);
}

TEST(ColumnPlan, ExactlyOnceNeedsTheMessageIdColumn) {
  std::vector<BatchColumn> batch = {{"user_id", ValueKind::kText}};
  support::Result<ColumnPlan> plan =
      plan_columns(batch, user_logins(), std::nullopt, std::string("message_id"), "t");
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("message id column message_id"), std::string::npos);
}

TEST(ColumnPlan, NothingToWriteIsAnError) {
  std::vector<BatchColumn> batch = {{"body", ValueKind::kText}};
  support::Result<ColumnPlan> plan = plan_columns(batch, user_logins(), std::nullopt, std::nullopt, "t");
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("no batch column matches"), std::string::npos);
}

TEST(ColumnPlan, StartupCheckNamesMissingAndGeneratedTargets) {
  ColumnMapping mapping = {{"a", "user_id"}, {"b", "ghost"}, {"c", "loaded_at"}};
  support::Status status = check_mapping_targets(mapping, user_logins(), "user_logins");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("table user_logins has no column ghost (mapped from b)"), std::string::npos)
      << status.message();
  EXPECT_NE(status.message().find("loaded_at is generated"), std::string::npos);
}

}  // namespace
}  // namespace sluice::postgres
