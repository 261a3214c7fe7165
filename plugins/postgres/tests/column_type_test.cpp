#include "column_type.h"

#include <gtest/gtest.h>

namespace sluice::postgres {
namespace {

TEST(ColumnType, VarcharLengthComesFromTheTypeModifier) {
  ColumnType type = ColumnType::from_catalog("varchar", 32 + 4, "character varying(32)");
  EXPECT_EQ(type.family, TypeFamily::kVarchar);
  EXPECT_EQ(type.max_chars, 32);
  EXPECT_EQ(type.sql_name, "character varying(32)");
}

TEST(ColumnType, UnboundedVarcharHasNoLimit) {
  ColumnType type = ColumnType::from_catalog("varchar", -1, "character varying");
  EXPECT_FALSE(type.max_chars.has_value());
}

TEST(ColumnType, NumericPrecisionAndScale) {
  ColumnType type = ColumnType::from_catalog("numeric", ((10 << 16) | 2) + 4, "numeric(10,2)");
  EXPECT_EQ(type.family, TypeFamily::kNumeric);
  EXPECT_EQ(type.precision, 10);
  EXPECT_EQ(type.scale, 2);
}

TEST(ColumnType, NumericNegativeScale) {
  ColumnType type = ColumnType::from_catalog("numeric", ((5 << 16) | (0x7FF & -3)) + 4, "numeric(5,-3)");
  EXPECT_EQ(type.scale, -3);
}

TEST(ColumnType, KnowsTheFamiliesItConverts) {
  EXPECT_EQ(ColumnType::from_catalog("int2", -1, "smallint").family, TypeFamily::kSmallint);
  EXPECT_EQ(ColumnType::from_catalog("int4", -1, "integer").family, TypeFamily::kInteger);
  EXPECT_EQ(ColumnType::from_catalog("int8", -1, "bigint").family, TypeFamily::kBigint);
  EXPECT_EQ(ColumnType::from_catalog("float4", -1, "real").family, TypeFamily::kReal);
  EXPECT_EQ(ColumnType::from_catalog("float8", -1, "double precision").family, TypeFamily::kDouble);
  EXPECT_EQ(ColumnType::from_catalog("bool", -1, "boolean").family, TypeFamily::kBoolean);
  EXPECT_EQ(ColumnType::from_catalog("text", -1, "text").family, TypeFamily::kText);
  EXPECT_EQ(ColumnType::from_catalog("bpchar", 5, "character(1)").family, TypeFamily::kChar);
  EXPECT_EQ(ColumnType::from_catalog("date", -1, "date").family, TypeFamily::kDate);
  EXPECT_EQ(ColumnType::from_catalog("timestamp", -1, "timestamp").family, TypeFamily::kTimestamp);
  EXPECT_EQ(ColumnType::from_catalog("timestamptz", -1, "timestamptz").family, TypeFamily::kTimestamptz);
  EXPECT_EQ(ColumnType::from_catalog("uuid", -1, "uuid").family, TypeFamily::kOther);
}

}  // namespace
}  // namespace sluice::postgres
