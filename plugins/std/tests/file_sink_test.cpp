#include "file_sink.h"

#include "host_config.h"
#include "temp_file.h"

#include <gtest/gtest.h>

#include <limits>

namespace sluice::standard {
namespace {

using sluice::standard::testing::TempFile;

sluice::OwnedBatch every_type_batch() {
  sluice::Utf8Builder s;
  sluice::Int64Builder l;
  sluice::Int32Builder i;
  sluice::Float64Builder g;
  sluice::BoolBuilder b;
  sluice::Date32Builder d;
  sluice::TimestampBuilder t;
  s.append("tab\there \"q\" é");
  l.append(-9007199254740993);
  i.append(7);
  g.append(0.25);
  b.append(true);
  d.append(19782);
  t.append(1714979289123456);
  s.append_null();
  l.append_null();
  i.append_null();
  g.append_null();
  b.append_null();
  d.append_null();
  t.append_null();
  return sluice::BatchBuilder(2)
      .add("s", s)
      .add("l", l)
      .add("i", i)
      .add("g", g)
      .add("b", b)
      .add("d", d)
      .add("t", t)
      .finish();
}

TEST(FileSink, WritesOneJsonObjectPerRowAndCommits) {
  TempFile file("sink_types.ndjson");
  FileSink sink(sluice::Host(),
                testing::host_config<FileSink>(sluice::Config(nlohmann::json{{"path", file.path()}})));
  sluice::Reporter reporter;
  sink.write(every_type_batch(), 11, reporter);
  EXPECT_EQ(reporter.committed_writes(), (std::vector<uint64_t>{11}));
  EXPECT_EQ(file.read(),
            "{\"s\":\"tab\\there \\\"q\\\" é\",\"l\":-9007199254740993,"
            "\"i\":7,\"g\":0.25,\"b\":true,\"d\":\"2024-02-29\","
            "\"t\":\"2024-05-06T07:08:09.123456Z\"}\n"
            "{\"s\":null,\"l\":null,\"i\":null,\"g\":null,\"b\":null,"
            "\"d\":null,\"t\":null}\n");
}

TEST(FileSink, AppendsToAnExistingFileWithFsync) {
  TempFile file("sink_append.ndjson");
  file.write("{\"earlier\":1}\n");
  FileSink sink(sluice::Host(), testing::host_config<FileSink>(
                                    sluice::Config(nlohmann::json{{"path", file.path()}, {"fsync", true}})));
  sluice::Utf8Builder s;
  s.append("x");
  sluice::Reporter reporter;
  sink.write(sluice::BatchBuilder(1).add("s", s).finish(), 1, reporter);
  EXPECT_EQ(file.read(), "{\"earlier\":1}\n{\"s\":\"x\"}\n");
}

TEST(FileSink, EmptyBatchStillCommits) {
  TempFile file("sink_empty.ndjson");
  FileSink sink(sluice::Host(),
                testing::host_config<FileSink>(sluice::Config(nlohmann::json{{"path", file.path()}})));
  sluice::Reporter reporter;
  sink.write(sluice::OwnedBatch(0), 3, reporter);
  EXPECT_EQ(reporter.committed_writes(), (std::vector<uint64_t>{3}));
  EXPECT_EQ(file.read(), "");
}

TEST(FileSink, UnopenablePathIsAConfigError) {
  EXPECT_THROW(FileSink(sluice::Host(), testing::host_config<FileSink>(
                                            sluice::Config(nlohmann::json{{"path", "/nonexistent/dir/x"}}))),
               sluice::ConfigError);
}

TEST(FileSink, ColumnOfAnUnwritableTypeIsNamed) {
  TempFile file("sink_bad_type.ndjson");
  FileSink sink(sluice::Host(),
                testing::host_config<FileSink>(sluice::Config(nlohmann::json{{"path", file.path()}})));
  sluice::Int64Builder l;
  l.append(1);
  sluice::Column column = l.finish("decimal_col");
  sluice::Field field = column.field();
  field.format = "d:10,2";
  sluice::OwnedBatch batch(1);
  ArrowArray array;
  column.release_array_into(&array);
  batch.add_column(sluice::Column(field, sluice::OwnedArray::adopt(&array)));
  sluice::Reporter reporter;
  try {
    sink.write(std::move(batch), 1, reporter);
    FAIL() << "expected ConfigError";
  } catch (const sluice::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("'decimal_col'"), std::string::npos);
  }
  EXPECT_TRUE(reporter.committed_writes().empty());
}

}  // namespace
}  // namespace sluice::standard
