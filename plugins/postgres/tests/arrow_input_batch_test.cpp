#include "arrow_input_batch.h"

#include <gtest/gtest.h>

namespace sluice::postgres {
namespace {

sluice::OwnedBatch every_type() {
  sluice::Utf8Builder text;
  text.append("Zoë");
  text.append_null();
  sluice::Int64Builder int64;
  int64.append(-7);
  int64.append(2003000);
  sluice::Int32Builder int32;
  int32.append(42);
  int32.append_null();
  sluice::Float64Builder float64;
  float64.append(0.5);
  float64.append(-1);
  sluice::BoolBuilder flag;
  flag.append(true);
  flag.append(false);
  sluice::Date32Builder date;
  date.append(19723);
  date.append(0);
  sluice::TimestampBuilder timestamp;
  timestamp.append(1'714'566'600'000'000);
  timestamp.append_null();
  return sluice::BatchBuilder(2)
      .add("text", text)
      .add("int64", int64)
      .add("int32", int32)
      .add("float64", float64)
      .add("flag", flag)
      .add("date", date)
      .add("timestamp", timestamp)
      .finish();
}

TEST(ArrowInputBatch, ReadsEveryColumnTypeOfTheAbi) {
  sluice::OwnedBatch owned = every_type();
  sluice::BatchView view = owned.view();
  ArrowInputBatch batch(view);
  ASSERT_EQ(batch.row_count(), 2);
  std::vector<ValueKind> kinds;
  for (const auto& column : batch.columns()) kinds.push_back(column.kind);
  EXPECT_EQ(kinds, (std::vector<ValueKind>{ValueKind::kText, ValueKind::kInt64, ValueKind::kInt64,
                                           ValueKind::kFloat64, ValueKind::kBoolean, ValueKind::kDate,
                                           ValueKind::kTimestamp}));
  EXPECT_EQ(batch.columns()[0].name, "text");
  EXPECT_EQ(batch.value(0, 0).text, "Zoë");
  EXPECT_EQ(batch.value(0, 1).kind, ValueKind::kNull);
  EXPECT_EQ(batch.value(1, 1).integer, 2003000);
  EXPECT_EQ(batch.value(2, 0).integer, 42);
  EXPECT_EQ(batch.value(2, 1).kind, ValueKind::kNull);
  EXPECT_EQ(batch.value(3, 0).real, 0.5);
  EXPECT_TRUE(batch.value(4, 0).boolean);
  EXPECT_FALSE(batch.value(4, 1).boolean);
  EXPECT_EQ(batch.value(5, 0).integer, 19723);
  EXPECT_EQ(batch.value(6, 0).integer, 1'714'566'600'000'000);
  EXPECT_EQ(batch.value(6, 1).kind, ValueKind::kNull);
}

TEST(ArrowInputBatch, RefusesATypeTheSinkCannotWrite) {
  sluice::OwnedBatch owned = every_type();
  sluice::BatchView view = owned.view();
  std::vector<sluice::ColumnView> columns = view.columns();
  columns[0] = sluice::ColumnView("blob", "z", &columns[0].array());
  sluice::BatchView odd(view.num_rows(), columns);
  try {
    ArrowInputBatch batch(odd);
    FAIL() << "expected a ConfigError";
  } catch (const sluice::ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("column blob has Arrow type 'z'"), std::string::npos);
  }
}

}  // namespace
}  // namespace sluice::postgres
