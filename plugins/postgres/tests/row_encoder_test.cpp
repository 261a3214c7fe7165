#include "row_encoder.h"

#include <gtest/gtest.h>

#include "test_batch.h"

namespace sluice::postgres {
namespace {

using testing::RecordingReporter;
using testing::VectorBatch;

TableColumn column(const char* name, const char* type_name, int32_t modifier, const char* sql_name,
                   bool not_null = false) {
  return {name, ColumnType::from_catalog(type_name, modifier, sql_name), not_null, false};
}

ColumnPlan plan_for(std::vector<TableColumn> targets, std::optional<size_t> message_id = {}) {
  ColumnPlan plan;
  for (size_t i = 0; i < targets.size(); ++i) plan.columns.push_back({i, targets[i]});
  plan.message_id_index = message_id;
  return plan;
}

const std::vector<BatchColumn> kColumns = {
    {"device_type", ValueKind::kText}, {"app_version", ValueKind::kText}, {"message_id", ValueKind::kText}};

ColumnPlan device_and_version(std::optional<size_t> message_id = {}) {
  return plan_for({column("device_type", "varchar", 8 + 4, "character varying(8)"),
                   column("app_version", "int4", -1, "integer")},
                  message_id);
}

TEST(RowEncoder, EncodesGoodRowsAsCopyLines) {
  VectorBatch batch(kColumns);
  batch.text_row({"phone", "2003000", "m1"}).text_row({"tab\tlet", "7", "m2"});
  PendingRows pending;
  RecordingReporter reporter;
  EncodeCounts counts = encode_rows(batch, 1, device_and_version(), pending, reporter);
  EXPECT_EQ(counts.accepted, 2);
  EXPECT_EQ(pending.lines(0, 2), "phone\t2003000\ntab\\tlet\t7\n");
  EXPECT_EQ(pending.writes(), std::vector<uint64_t>{1});
}

TEST(RowEncoder, RejectsABadRowAloneNamingTheColumnNotTheValue) {
  VectorBatch batch(kColumns);
  batch.text_row({"phone", "1", "m1"})
      .text_row({"smartwatch-xl", "2", "m2"})
      .text_row({"tablet", "two", "m3"})
      .text_row({"pc", "4", "m4"});
  PendingRows pending;
  RecordingReporter reporter;
  EncodeCounts counts = encode_rows(batch, 9, device_and_version(), pending, reporter);
  EXPECT_EQ(counts.accepted, 2);
  EXPECT_EQ(counts.rejected, 2);
  EXPECT_EQ(pending.lines(0, 2), "phone\t1\npc\t4\n");
  EXPECT_EQ(pending.origin(1).row, 3);
  EXPECT_EQ((reporter.rejected[{9, 1}]),
            "column device_type (character varying(8)): longer than 8 characters");
  EXPECT_EQ((reporter.rejected[{9, 2}]), "column app_version (integer): not an integer");
}

TEST(RowEncoder, MissingValueForANotNullColumnIsRejected) {
  VectorBatch batch(kColumns);
  batch.row({Value::null(), Value::of_text("1"), Value::of_text("m")});
  PendingRows pending;
  RecordingReporter reporter;
  ColumnPlan plan = plan_for(
      {column("device_type", "text", -1, "text", true), column("app_version", "int4", -1, "integer")});
  encode_rows(batch, 1, plan, pending, reporter);
  EXPECT_EQ(pending.row_count(), 0u);
  EXPECT_EQ((reporter.rejected[{1, 0}]), "column device_type (text): NOT NULL but the value is missing");
}

TEST(RowEncoder, ExactlyOnceAppendsTheMessageIdAndSkipsRepeats) {
  VectorBatch batch(kColumns);
  batch.text_row({"phone", "1", "m1"}).text_row({"phone", "1", "m1"}).text_row({"pc", "2", "m2"});
  PendingRows pending;
  RecordingReporter reporter;
  EncodeCounts counts = encode_rows(batch, 1, device_and_version(2), pending, reporter);
  EXPECT_EQ(counts.accepted, 2);
  EXPECT_EQ(counts.duplicates, 1);
  EXPECT_EQ(pending.lines(0, 2), "phone\t1\npc\t2\n");
  EXPECT_EQ(pending.message_id_lines(0, 2), "m1\nm2\n");
  EXPECT_TRUE(reporter.rejected.empty());
}

TEST(RowEncoder, ExactlyOnceRejectsARowWithoutMessageId) {
  VectorBatch batch(kColumns);
  batch.row({Value::of_text("pc"), Value::of_text("1"), Value::null()});
  PendingRows pending;
  RecordingReporter reporter;
  encode_rows(batch, 4, device_and_version(2), pending, reporter);
  EXPECT_EQ(pending.row_count(), 0u);
  EXPECT_NE((reporter.rejected[{4, 0}]).find("message id column message_id"), std::string::npos);
}

TEST(RowEncoder, AWriteWithEveryRowRejectedIsStillTracked) {
  VectorBatch batch(kColumns);
  batch.text_row({"pc", "x", "m"});
  PendingRows pending;
  RecordingReporter reporter;
  encode_rows(batch, 5, device_and_version(), pending, reporter);
  EXPECT_EQ(pending.row_count(), 0u);
  EXPECT_FALSE(pending.empty());
  EXPECT_EQ(pending.writes(), std::vector<uint64_t>{5});
}

}  // namespace
}  // namespace sluice::postgres
