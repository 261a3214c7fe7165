#include <sluice/plugin.hpp>

#include <gtest/gtest.h>

#include <string>

namespace sluice {
namespace {

TEST(Utf8Builder, RoundTripsValuesAndNulls) {
  Utf8Builder b;
  b.append("héllo");
  b.append_null();
  b.append("");
  b.append(std::string(1000, 'x'));
  Column c = b.finish("text");
  const ColumnView v = c.view();
  EXPECT_EQ(v.name(), "text");
  EXPECT_EQ(v.format(), "u");
  ASSERT_EQ(v.length(), 4);
  EXPECT_EQ(v.string(0), "héllo");
  EXPECT_TRUE(v.is_null(1));
  EXPECT_FALSE(v.is_null(2));
  EXPECT_EQ(v.string(2), "");
  EXPECT_EQ(v.string(3).size(), 1000u);
  EXPECT_EQ(c.view().array().null_count, 1);
}

TEST(Utf8Builder, ColumnWithoutNullsHasNoValidityBuffer) {
  Utf8Builder b;
  b.append("a");
  Column c = b.finish("t");
  EXPECT_EQ(c.view().array().buffers[0], nullptr);
  EXPECT_EQ(c.view().array().null_count, 0);
}

TEST(Utf8Builder, EmptyColumnHasNonNullBuffers) {
  Utf8Builder b;
  Column c = b.finish("t");
  EXPECT_EQ(c.length(), 0);
  EXPECT_NE(c.view().array().buffers[1], nullptr);
  EXPECT_NE(c.view().array().buffers[2], nullptr);
}

TEST(Utf8Builder, IsReusableAfterFinish) {
  Utf8Builder b;
  b.append("first");
  b.append_null();
  Column first = b.finish("a");
  b.append("second");
  Column second = b.finish("b");
  ASSERT_EQ(second.length(), 1);
  EXPECT_EQ(second.view().string(0), "second");
  EXPECT_FALSE(second.view().is_null(0));
  EXPECT_EQ(first.view().string(0), "first");
}

TEST(FixedWidthBuilders, RoundTripEveryType) {
  Int64Builder i64;
  i64.append(-5);
  i64.append_null();
  Int32Builder i32;
  i32.append(7);
  i32.append_null();
  Float64Builder f64;
  f64.append(2.5);
  f64.append_null();
  Date32Builder date;
  date.append(19000);
  date.append_null();
  TimestampBuilder ts;
  ts.append(1700000000123456);
  ts.append_null();

  Column ci64 = i64.finish("a"), ci32 = i32.finish("b"), cf = f64.finish("c"), cd = date.finish("d"),
         cts = ts.finish("e");
  EXPECT_EQ(ci64.view().int64(0), -5);
  EXPECT_EQ(ci32.view().int32(0), 7);
  EXPECT_EQ(cf.view().float64(0), 2.5);
  EXPECT_EQ(cd.view().date32(0), 19000);
  EXPECT_EQ(cd.format(), "tdD");
  EXPECT_EQ(cts.view().timestamp_us(0), 1700000000123456);
  EXPECT_EQ(cts.format(), "tsu:UTC");
  for (const Column* c : {&ci64, &ci32, &cf, &cd, &cts}) {
    EXPECT_FALSE(c->view().is_null(0)) << c->name();
    EXPECT_TRUE(c->view().is_null(1)) << c->name();
  }
}

TEST(BoolBuilder, PacksBitsAcrossBytes) {
  BoolBuilder b;
  for (int i = 0; i < 20; ++i) {
    if (i == 13) {
      b.append_null();
    } else {
      b.append(i % 3 == 0);
    }
  }
  Column c = b.finish("flag");
  const ColumnView v = c.view();
  ASSERT_EQ(v.length(), 20);
  for (int i = 0; i < 20; ++i) {
    if (i == 13) {
      EXPECT_TRUE(v.is_null(i));
    } else {
      EXPECT_EQ(v.boolean(i), i % 3 == 0) << i;
    }
  }
}

TEST(ColumnView, WrongTypeAccessNamesTheColumn) {
  Int64Builder b;
  b.append(1);
  Column c = b.finish("count");
  try {
    (void)c.view().string(0);
    FAIL() << "expected an exception";
  } catch (const InternalError& e) {
    EXPECT_NE(std::string(e.what()).find("'count'"), std::string::npos);
  }
}

TEST(NullsAfterManyValues, ValidityCoversEarlierRows) {
  Int64Builder b;
  b.reserve(100);
  for (int i = 0; i < 99; ++i) b.append(i);
  b.append_null();
  Column c = b.finish("n");
  for (int i = 0; i < 99; ++i) ASSERT_FALSE(c.view().is_null(i)) << i;
  EXPECT_TRUE(c.view().is_null(99));
}

}  // namespace
}  // namespace sluice
