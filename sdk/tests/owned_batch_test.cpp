#include "foreign_batch.h"

#include <sluice/plugin.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sluice {
namespace {

using sluice::testing::ForeignBatch;
using sluice::testing::ReleaseCounts;

OwnedBatch two_columns(int64_t rows) {
  Int64Builder n;
  Utf8Builder s;
  for (int64_t i = 0; i < rows; ++i) {
    n.append(i);
    s.append("row" + std::to_string(i));
  }
  return BatchBuilder(rows).add("n", n).add("s", s).finish();
}

TEST(BatchView, ReadsAForeignBatchWithAStructOffset) {
  ReleaseCounts counts;
  ForeignBatch foreign(5, 4, &counts);
  BatchView view(&foreign.schema, &foreign.array);
  ASSERT_EQ(view.num_rows(), 5);
  const ColumnView& n = view.column("n");
  EXPECT_EQ(n.int64(0), 4);
  EXPECT_FALSE(n.is_null(0));
  EXPECT_TRUE(n.is_null(1));  // element 5: 5 % 3 == 2
  EXPECT_EQ(view.column("s").string(0), "v4");
  EXPECT_EQ(view.find("missing"), nullptr);
}

TEST(BatchView, MissingColumnErrorNamesItAndTheColumnsPresent) {
  ReleaseCounts counts;
  ForeignBatch foreign(1, 0, &counts);
  BatchView view(&foreign.schema, &foreign.array);
  try {
    view.column("body");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("'body'"), std::string::npos) << message;
    EXPECT_NE(message.find("n, s"), std::string::npos) << message;
  }
}

TEST(OwnedBatch, AdoptReleasesTheForeignArrayExactlyOnce) {
  ReleaseCounts counts;
  {
    ForeignBatch foreign(3, 0, &counts);
    OwnedBatch batch = OwnedBatch::adopt(foreign.schema, &foreign.array);
    EXPECT_EQ(foreign.array.release, nullptr);  // moved
    EXPECT_EQ(counts.arrays, 1);  // the struct itself, children moved out
    EXPECT_EQ(batch.num_columns(), 2);
  }
  EXPECT_EQ(counts.arrays, 3);   // struct + two children
  EXPECT_EQ(counts.schemas, 3);  // borrowed schema released by its owner
}

TEST(OwnedBatch, AdoptFoldsTheStructOffsetIntoColumns) {
  ReleaseCounts counts;
  ForeignBatch foreign(4, 2, &counts);
  OwnedBatch batch = OwnedBatch::adopt(foreign.schema, &foreign.array);
  const ColumnView n = batch.column("n").view();
  ASSERT_EQ(n.length(), 4);
  EXPECT_EQ(n.int64(0), 2);
  EXPECT_TRUE(n.is_null(0));
  EXPECT_EQ(n.int64(3), 5);
  EXPECT_EQ(batch.column("s").view().string(3), "v5");
}

TEST(OwnedBatch, AdoptRejectsANonStructAndStillReleases) {
  ReleaseCounts counts;
  ForeignBatch foreign(2, 0, &counts);
  foreign.schema.format = "l";
  EXPECT_THROW(OwnedBatch::adopt(foreign.schema, &foreign.array),
               InternalError);
  EXPECT_EQ(foreign.array.release, nullptr);
  EXPECT_EQ(counts.arrays, 3);
  foreign.schema.format = "+s";  // let its destructor release it normally
}

TEST(OwnedBatch, TakeColumnMovesWithoutCopying) {
  OwnedBatch batch = two_columns(3);
  const void* values = batch.column("n").view().array().buffers[1];
  Column n = batch.take_column("n");
  EXPECT_EQ(n.view().array().buffers[1], values);
  EXPECT_EQ(batch.num_columns(), 1);
  EXPECT_EQ(batch.find("n"), nullptr);
  EXPECT_THROW(batch.take_column("n"), ConfigError);
}

TEST(OwnedBatch, SetColumnReplacesInPlaceAndChecksLength) {
  OwnedBatch batch = two_columns(2);
  Utf8Builder b;
  b.append("x");
  b.append("y");
  batch.set_column(b.finish("n"));
  EXPECT_EQ(batch.columns()[0].name(), "n");
  EXPECT_EQ(batch.columns()[0].format(), "u");
  Int64Builder short_column;
  short_column.append(1);
  EXPECT_THROW(batch.set_column(short_column.finish("z")), InternalError);
  Int64Builder dup;
  dup.append(1);
  dup.append(2);
  EXPECT_THROW(batch.add_column(dup.finish("s")), InternalError);
}

TEST(OwnedBatch, ExportThenAdoptRoundTrips) {
  OwnedBatch batch = two_columns(3);
  ArrowSchema schema;
  ArrowArray array;
  batch.release_into(&schema, &array);
  EXPECT_EQ(batch.num_columns(), 0);
  EXPECT_STREQ(schema.format, "+s");
  ASSERT_EQ(schema.n_children, 2);
  EXPECT_STREQ(schema.children[1]->name, "s");
  EXPECT_EQ(array.length, 3);
  OwnedBatch back = OwnedBatch::adopt(&schema, &array);
  EXPECT_EQ(schema.release, nullptr);
  EXPECT_EQ(back.column("s").view().string(2), "row2");
}

TEST(OwnedBatch, ExportedChildrenCanBeMovedOutIndividually) {
  OwnedBatch batch = two_columns(2);
  ArrowSchema schema;
  ArrowArray array;
  batch.release_into(&schema, &array);
  ArrowArray child = *array.children[0];
  array.children[0]->release = nullptr;
  array.release(&array);  // must skip the moved child
  EXPECT_EQ(static_cast<const int64_t*>(child.buffers[1])[1], 1);
  child.release(&child);
  schema.release(&schema);
}

TEST(OwnedBatch, RemoveRowsCopiesKeptRowsOfEveryType) {
  Utf8Builder s;
  Int64Builder l;
  Int32Builder i;
  Float64Builder g;
  BoolBuilder b;
  Date32Builder d;
  TimestampBuilder t;
  for (int row = 0; row < 10; ++row) {
    if (row == 4) {
      s.append_null(); l.append_null(); i.append_null(); g.append_null();
      b.append_null(); d.append_null(); t.append_null();
      continue;
    }
    s.append("r" + std::to_string(row));
    l.append(row);
    i.append(row);
    g.append(row + 0.5);
    b.append(row % 2 == 0);
    d.append(row);
    t.append(row * 1000);
  }
  OwnedBatch batch = BatchBuilder(10)
                         .add("s", s).add("l", l).add("i", i).add("g", g)
                         .add("b", b).add("d", d).add("t", t)
                         .finish();
  std::vector<uint8_t> removed{1, 0, 1, 0, 0, 1, 1, 0, 0, 1};
  batch.remove_rows(removed);
  ASSERT_EQ(batch.num_rows(), 5);  // rows 1, 3, 4, 7, 8
  const BatchView v = batch.view();
  EXPECT_EQ(v.column("s").string(0), "r1");
  EXPECT_EQ(v.column("s").string(4), "r8");
  EXPECT_TRUE(v.column("s").is_null(2));
  EXPECT_EQ(v.column("l").int64(3), 7);
  EXPECT_EQ(v.column("i").int32(1), 3);
  EXPECT_EQ(v.column("g").float64(4), 8.5);
  EXPECT_FALSE(v.column("b").boolean(0));
  EXPECT_TRUE(v.column("b").boolean(4));
  EXPECT_TRUE(v.column("b").is_null(2));
  EXPECT_EQ(v.column("d").date32(3), 7);
  EXPECT_EQ(v.column("t").timestamp_us(4), 8000);
  for (const ColumnView& c : v.columns()) {
    EXPECT_TRUE(c.is_null(2)) << c.name();
    EXPECT_EQ(c.array().null_count, 1) << c.name();
  }
}

TEST(OwnedBatch, RemoveRowsOfAForeignBatchWithOffset) {
  ReleaseCounts counts;
  ForeignBatch foreign(6, 3, &counts);
  OwnedBatch batch = OwnedBatch::adopt(foreign.schema, &foreign.array);
  std::vector<uint8_t> removed{0, 1, 1, 0, 1, 0};  // keep elements 3, 6, 8
  batch.remove_rows(removed);
  const BatchView v = batch.view();
  ASSERT_EQ(v.num_rows(), 3);
  EXPECT_EQ(v.column("s").string(0), "v3");
  EXPECT_EQ(v.column("s").string(2), "v8");
  EXPECT_EQ(v.column("n").int64(1), 6);
  EXPECT_TRUE(v.column("n").is_null(2));  // 8 % 3 == 2
}

TEST(OwnedBatch, RemoveNothingKeepsTheSameBuffers) {
  OwnedBatch batch = two_columns(2);
  const void* before = batch.column("s").view().array().buffers[2];
  std::vector<uint8_t> removed{0, 0};
  batch.remove_rows(removed);
  EXPECT_EQ(batch.column("s").view().array().buffers[2], before);
}

TEST(Field, CopiesMetadataAndChildren) {
  // One entry: key "k", value "vv".
  std::string metadata(4 + 4 + 1 + 4 + 2, '\0');
  int32_t one = 1, one_len = 1, two_len = 2;
  std::memcpy(&metadata[0], &one, 4);
  std::memcpy(&metadata[4], &one_len, 4);
  metadata[8] = 'k';
  std::memcpy(&metadata[9], &two_len, 4);
  metadata[13] = 'v';
  metadata[14] = 'v';
  ArrowSchema item{"l", "item", nullptr, 2, 0, nullptr, nullptr, nullptr, nullptr};
  ArrowSchema* items[] = {&item};
  ArrowSchema list{"+l", "xs", metadata.data(), 2, 1, items, nullptr, nullptr,
                   nullptr};
  Field f = Field::copy_of(list);
  EXPECT_EQ(f.metadata, metadata);
  ASSERT_EQ(f.children.size(), 1u);
  EXPECT_EQ(f.children[0].name, "item");
  ArrowSchema exported;
  f.export_to(&exported);
  EXPECT_STREQ(exported.children[0]->format, "l");
  EXPECT_EQ(std::string(exported.metadata, metadata.size()), metadata);
  exported.release(&exported);
}

}  // namespace
}  // namespace sluice
