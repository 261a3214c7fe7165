#include "value_conversion.h"

#include <cmath>

#include <gtest/gtest.h>

namespace sluice::postgres {
namespace {

ColumnType type_of(const char* type_name, int32_t modifier, const char* sql_name) {
  return ColumnType::from_catalog(type_name, modifier, sql_name);
}

const ColumnType kInteger = type_of("int4", -1, "integer");
const ColumnType kSmallint = type_of("int2", -1, "smallint");
const ColumnType kBigint = type_of("int8", -1, "bigint");
const ColumnType kVarchar4 = type_of("varchar", 4 + 4, "character varying(4)");
const ColumnType kText = type_of("text", -1, "text");
const ColumnType kNumeric5_2 = type_of("numeric", ((5 << 16) | 2) + 4, "numeric(5,2)");
const ColumnType kNumeric = type_of("numeric", -1, "numeric");
const ColumnType kReal = type_of("float4", -1, "real");
const ColumnType kDouble = type_of("float8", -1, "double precision");
const ColumnType kBoolean = type_of("bool", -1, "boolean");
const ColumnType kDate = type_of("date", -1, "date");
const ColumnType kTimestamp = type_of("timestamp", -1, "timestamp without time zone");
const ColumnType kTimestamptz = type_of("timestamptz", -1, "timestamp with time zone");
const ColumnType kUuid = type_of("uuid", -1, "uuid");

// The COPY field, or "!" + the reason.
std::string convert(const Value& value, const ColumnType& type) {
  std::string out;
  if (auto why = append_converted(out, value, type)) return "!" + *why;
  return out;
}

TEST(ValueConversion, NullIsTheCopyNullMarkerForEveryType) {
  EXPECT_EQ(convert(Value::null(), kInteger), "\\N");
  EXPECT_EQ(convert(Value::null(), kText), "\\N");
}

TEST(ValueConversion, TextIntoVarcharCountsCharactersNotBytes) {
  EXPECT_EQ(convert(Value::of_text("日本語!"), kVarchar4), "日本語!");
  EXPECT_EQ(convert(Value::of_text("tablet"), kVarchar4), "!longer than 4 characters");
}

TEST(ValueConversion, ExcessSpacesFitVarcharAsTheServerTrimsThem) {
  EXPECT_EQ(convert(Value::of_text("ab    "), kVarchar4), "ab    ");
  EXPECT_EQ(convert(Value::of_text("abcde "), kVarchar4), "!longer than 4 characters");
}

TEST(ValueConversion, TextIsEscapedNeverInterpreted) {
  EXPECT_EQ(convert(Value::of_text("a\tb\\n"), kText), "a\\tb\\\\n");
  EXPECT_EQ(convert(Value::of_text("'); DROP TABLE x; --"), kText), "'); DROP TABLE x; --");
}

TEST(ValueConversion, TextTheServerCannotStoreIsRefused) {
  EXPECT_EQ(convert(Value::of_text(std::string_view("a\0b", 3)), kText), "!contains a NUL character");
  EXPECT_EQ(convert(Value::of_text("\xFF"), kText), "!not valid UTF-8");
  EXPECT_EQ(convert(Value::of_text("\xFF"), kUuid), "!not valid UTF-8");
}

TEST(ValueConversion, TextIntoIntegerColumns) {
  EXPECT_EQ(convert(Value::of_text(" 42 "), kInteger), "42");
  EXPECT_EQ(convert(Value::of_text("2.3.0"), kInteger), "!not an integer");
  EXPECT_EQ(convert(Value::of_text("abc"), kInteger), "!not an integer");
  EXPECT_EQ(convert(Value::of_text("40000"), kSmallint), "!out of range for smallint");
  EXPECT_EQ(convert(Value::of_text("2147483648"), kInteger), "!out of range for integer");
  EXPECT_EQ(convert(Value::of_text("2147483648"), kBigint), "2147483648");
}

TEST(ValueConversion, IntegersIntoIntegerColumnsCheckTheRange) {
  EXPECT_EQ(convert(Value::of_int64(2003000), kInteger), "2003000");
  EXPECT_EQ(convert(Value::of_int64(-32768), kSmallint), "-32768");
  EXPECT_EQ(convert(Value::of_int64(-32769), kSmallint), "!out of range for smallint");
  EXPECT_EQ(convert(Value::of_int64(INT64_MIN), kBigint), "-9223372036854775808");
}

TEST(ValueConversion, FloatsIntoIntegerColumnsMustBeWhole) {
  EXPECT_EQ(convert(Value::of_float64(3.0), kInteger), "3");
  EXPECT_EQ(convert(Value::of_float64(3.5), kInteger), "!not an integer");
  EXPECT_EQ(convert(Value::of_float64(NAN), kInteger), "!not an integer");
  EXPECT_EQ(convert(Value::of_float64(1e19), kBigint), "!out of range for bigint");
  EXPECT_EQ(convert(Value::of_float64(3e9), kInteger), "!out of range for integer");
}

TEST(ValueConversion, NumericChecksSyntaxAndPrecision) {
  EXPECT_EQ(convert(Value::of_text("123.45"), kNumeric5_2), "123.45");
  EXPECT_EQ(convert(Value::of_text("1234.5"), kNumeric5_2), "!too many digits for numeric(5,2)");
  EXPECT_EQ(convert(Value::of_text("1e3"), kNumeric5_2), "!too many digits for numeric(5,2)");
  EXPECT_EQ(convert(Value::of_text("1,5"), kNumeric), "!not a number");
  EXPECT_EQ(convert(Value::of_text("Infinity"), kNumeric5_2), "!infinite value for numeric(5,2)");
  EXPECT_EQ(convert(Value::of_text("NaN"), kNumeric5_2), "NaN");
  EXPECT_EQ(convert(Value::of_int64(1000), kNumeric5_2), "!too many digits for numeric(5,2)");
  EXPECT_EQ(convert(Value::of_int64(999), kNumeric5_2), "999");
  EXPECT_EQ(convert(Value::of_float64(12.5), kNumeric5_2), "12.5");
  EXPECT_EQ(convert(Value::of_float64(1e20), kNumeric), "1e+20");
}

TEST(ValueConversion, FloatingPointColumns) {
  EXPECT_EQ(convert(Value::of_float64(0.1), kDouble), "0.1");
  EXPECT_EQ(convert(Value::of_float64(NAN), kDouble), "NaN");
  EXPECT_EQ(convert(Value::of_float64(-INFINITY), kDouble), "-Infinity");
  EXPECT_EQ(convert(Value::of_float64(1e300), kReal), "!out of range for real");
  EXPECT_EQ(convert(Value::of_text(" 2.5 "), kReal), "2.5");
  EXPECT_EQ(convert(Value::of_text("1e39"), kReal), "!out of range for real");
  EXPECT_EQ(convert(Value::of_text("two"), kDouble), "!not a number");
  EXPECT_EQ(convert(Value::of_int64(7), kDouble), "7");
}

TEST(ValueConversion, Booleans) {
  EXPECT_EQ(convert(Value::of_boolean(true), kBoolean), "t");
  EXPECT_EQ(convert(Value::of_text("no"), kBoolean), "f");
  EXPECT_EQ(convert(Value::of_text("maybe"), kBoolean), "!not a boolean");
  EXPECT_EQ(convert(Value::of_boolean(false), kText), "false");
  EXPECT_EQ(convert(Value::of_boolean(false), kVarchar4), "!longer than 4 characters");
}

TEST(ValueConversion, Dates) {
  EXPECT_EQ(convert(Value::of_date(19723), kDate), "2024-01-01");
  EXPECT_EQ(convert(Value::of_date(19723), kTimestamptz), "2024-01-01");
  EXPECT_EQ(convert(Value::of_text("2024-01-01"), kDate), "2024-01-01");
  EXPECT_EQ(convert(Value::of_text("01/02/2024"), kDate), "!not an ISO 8601 date (YYYY-MM-DD)");
  EXPECT_EQ(convert(Value::of_date(INT32_MIN), kDate), "!out of range for date");
  // A date far enough out for a date column but not for a timestamp.
  EXPECT_EQ(convert(Value::of_date(2'000'000'000), kDate).substr(0, 1), "5");
  EXPECT_EQ(convert(Value::of_date(2'000'000'000), kTimestamptz),
            "!out of range for timestamp with time zone");
}

TEST(ValueConversion, Timestamps) {
  int64_t micros = 1'714'566'600'000'000;
  EXPECT_EQ(convert(Value::of_timestamp(micros), kTimestamptz), "2024-05-01 12:30:00+00");
  EXPECT_EQ(convert(Value::of_timestamp(micros), kTimestamp), "2024-05-01 12:30:00");
  EXPECT_EQ(convert(Value::of_timestamp(micros), kText), "2024-05-01T12:30:00Z");
  EXPECT_EQ(convert(Value::of_text("2024-05-01T12:30:00Z"), kTimestamptz), "2024-05-01T12:30:00Z");
  EXPECT_EQ(convert(Value::of_text("noon"), kTimestamp), "!not an ISO 8601 timestamp");
}

TEST(ValueConversion, NumbersIntoTextAreWrittenInDecimal) {
  EXPECT_EQ(convert(Value::of_int64(-12), kText), "-12");
  EXPECT_EQ(convert(Value::of_int64(123456), kVarchar4), "!longer than 4 characters");
  EXPECT_EQ(convert(Value::of_float64(2.5), kText), "2.5");
}

TEST(ValueConversion, KindsThatCannotGoIntoATypeAtAll) {
  EXPECT_FALSE(can_convert(ValueKind::kBoolean, TypeFamily::kInteger));
  EXPECT_FALSE(can_convert(ValueKind::kInt64, TypeFamily::kBoolean));
  EXPECT_FALSE(can_convert(ValueKind::kTimestamp, TypeFamily::kDate));
  EXPECT_FALSE(can_convert(ValueKind::kInt64, TypeFamily::kOther));
  EXPECT_TRUE(can_convert(ValueKind::kText, TypeFamily::kOther));
  EXPECT_TRUE(can_convert(ValueKind::kDate, TypeFamily::kTimestamp));
  EXPECT_EQ(convert(Value::of_boolean(true), kInteger), "!a bool cannot go into integer");
}

TEST(ValueConversion, ReasonsNeverContainTheValue) {
  const char* secret = "hunter2-and-some-more-text";
  for (const ColumnType& type : {kInteger, kVarchar4, kNumeric5_2, kReal, kBoolean, kDate, kTimestamptz}) {
    std::string result = convert(Value::of_text(secret), type);
    ASSERT_EQ(result[0], '!') << type.sql_name;
    EXPECT_EQ(result.find("hunter2"), std::string::npos) << result;
  }
}

}  // namespace
}  // namespace sluice::postgres
