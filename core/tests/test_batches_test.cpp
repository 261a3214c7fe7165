#include "test_batches.h"

#include <gtest/gtest.h>

#include <sluice/plugin.hpp>

namespace sluice::core {
namespace {

TEST(TestBatches, InputColumnsFollowTheRecordsThenTheDefaults) {
  const std::vector<InputRecord> records{{{"body", "a"}}, {{"body", "b"}, {"receive_count", 3}}};
  const InputRecord defaults{{"message_id", "m"}, {"body", "unused"}};
  Result<ArrowBatch> batch = make_input_batch(records, defaults);
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  const std::vector<OutputRow> rows = read_output_rows(*batch);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (OutputRow{{"body", "a"}, {"receive_count", std::nullopt}, {"message_id", "m"}}));
  EXPECT_EQ(rows[1], (OutputRow{{"body", "b"}, {"receive_count", "3"}, {"message_id", "m"}}));
}

TEST(TestBatches, AColumnOfTwoTypesIsAConfigError) {
  Result<ArrowBatch> batch = make_input_batch({{{"n", 1}}, {{"n", "one"}}}, {});
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(exit_code(batch.status()), 2);
  EXPECT_NE(batch.status().message().find("input column 'n' is given both an integer and a string"),
            std::string::npos);
}

TEST(TestBatches, CellOfTellsAbsentFromNull) {
  const OutputRow row{{"a", "1"}, {"b", std::nullopt}};
  EXPECT_EQ(describe_cell(cell_of(row, "a")), "'1'");
  EXPECT_EQ(describe_cell(cell_of(row, "b")), "null");
  EXPECT_EQ(describe_cell(cell_of(row, "c")), "no such column");
}

TEST(TestBatches, NumbersAndBooleansReadBackAsWritten) {
  Result<ArrowBatch> batch = make_input_batch({{{"f", 1.5}, {"t", true}}}, {});
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(read_output_rows(*batch)[0], (OutputRow{{"f", "1.5"}, {"t", "true"}}));
}

TEST(TestBatches, DatesAndTimestampsReadAsIso8601) {
  Date32Builder dates;
  dates.append(20513);  // 2026-03-01
  dates.append(-3288);  // 1960-12-31: before the epoch
  TimestampBuilder times;
  times.append(1772323199000000);  // 2026-02-28T23:59:59Z
  times.append(1772323199000500);
  ArrowBatch batch;
  BatchBuilder(2).add("d", dates).add("t", times).finish().release_into(batch.schema(), batch.array());
  const std::vector<OutputRow> rows = read_output_rows(batch);
  EXPECT_EQ(rows[0], (OutputRow{{"d", "2026-03-01"}, {"t", "2026-02-28T23:59:59Z"}}));
  EXPECT_EQ(rows[1], (OutputRow{{"d", "1960-12-31"}, {"t", "2026-02-28T23:59:59.000500Z"}}));
}

}  // namespace
}  // namespace sluice::core
