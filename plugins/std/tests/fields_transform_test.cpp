#include "fields_transform.h"

#include "host_config.h"
#include "test_batches.h"

#include <gtest/gtest.h>

namespace sluice::standard {
namespace {

using sluice::standard::testing::column_names;
using sluice::standard::testing::reasons;
using sluice::standard::testing::text_batch;
using sluice::standard::testing::text_column;

// 2024-05-06T07:08:09Z
const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1714979289));

FieldsTransform make(const std::string& config_json) {
  return FieldsTransform(testing::host_config<FieldsTransform>(config_json), [] { return kNow; });
}

sluice::OwnedBatch abc_batch() {
  sluice::OwnedBatch batch(1);
  batch.add_column(text_column("a", {"1"}));
  batch.add_column(text_column("b", {"2"}));
  batch.add_column(text_column("c", {"3"}));
  return batch;
}

TEST(FieldsTransform, RenameKeepsPlacesAndCanSwap) {
  FieldsTransform fields = make(R"({"rename": {"a": "x", "b": "c", "c": "b"}})");
  sluice::Rejector rejects(1);
  sluice::OwnedBatch out = fields.process(abc_batch(), rejects);
  EXPECT_EQ(column_names(out), (std::vector<std::string>{"x", "c", "b"}));
  EXPECT_EQ(out.view().column("c").string(0), "2");
}

TEST(FieldsTransform, RenameOntoAnExistingColumnReplacesIt) {
  FieldsTransform fields = make(R"({"rename": {"a": "c"}})");
  sluice::Rejector rejects(1);
  sluice::OwnedBatch out = fields.process(abc_batch(), rejects);
  EXPECT_EQ(column_names(out), (std::vector<std::string>{"c", "b"}));
  EXPECT_EQ(out.view().column("c").string(0), "1");
}

TEST(FieldsTransform, RenameOfAMissingColumnFailsNamingIt) {
  FieldsTransform fields = make(R"({"rename": {"zz": "y"}})");
  sluice::Rejector rejects(1);
  EXPECT_THROW(fields.process(abc_batch(), rejects), sluice::ConfigError);
}

TEST(FieldsTransform, VersionIntConvertsAndRejectsBadRows) {
  FieldsTransform fields = make(R"({"convert": {"app_version": "version_int"}})");
  auto in = text_batch("app_version", {"2.3.0", "0.96", "7.31", "2.00", "beta", std::nullopt, "1000.1"});
  sluice::Rejector rejects(7);
  sluice::OwnedBatch out = fields.process(std::move(in), rejects);
  const sluice::ColumnView v = out.column("app_version").view();
  EXPECT_EQ(v.format(), "l");
  EXPECT_EQ(v.int64(0), 2003000);
  EXPECT_EQ(v.int64(1), 96000);
  EXPECT_EQ(v.int64(2), 7031000);
  EXPECT_EQ(v.int64(3), 2000000);
  EXPECT_TRUE(v.is_null(5));
  EXPECT_EQ(reasons(rejects),
            (std::vector<std::string>{"4: column 'app_version' cannot convert to version_int",
                                      "6: column 'app_version' cannot convert to version_int"}));
}

TEST(FieldsTransform, ConvertsTextToNumbersAndDates) {
  FieldsTransform fields = make(R"({"convert": {"i": "int64", "f": "float64",
      "d": "date", "t": "date"}})");
  sluice::OwnedBatch in(2);
  in.add_column(text_column("i", {"42", "4x"}));
  in.add_column(text_column("f", {"2.5", "1e2"}));
  in.add_column(text_column("d", {"2024-02-29", "2024-05-06T23:30:00-01:00"}));
  sluice::TimestampBuilder t;
  t.append(1714979289000000);
  t.append(-1);
  in.add_column(t.finish("t"));
  sluice::Rejector rejects(2);
  sluice::OwnedBatch out = fields.process(std::move(in), rejects);
  const sluice::BatchView v = out.view();
  EXPECT_EQ(v.column("i").int64(0), 42);
  EXPECT_EQ(v.column("f").float64(1), 100.0);
  EXPECT_EQ(v.column("d").date32(0), 19782);
  EXPECT_EQ(v.column("d").date32(1), 19850);  // 2024-05-07 in UTC
  EXPECT_EQ(v.column("t").date32(0), 19849);
  EXPECT_EQ(v.column("t").date32(1), -1);
  EXPECT_EQ(reasons(rejects), (std::vector<std::string>{"1: column 'i' cannot convert to int64"}));
}

TEST(FieldsTransform, ConvertingAnUnsupportedTypeIsAConfigError) {
  FieldsTransform fields = make(R"({"convert": {"b": "date"}})");
  sluice::BoolBuilder b;
  b.append(true);
  sluice::OwnedBatch in(1);
  in.add_column(b.finish("b"));
  sluice::Rejector rejects(1);
  EXPECT_THROW(fields.process(std::move(in), rejects), sluice::ConfigError);
}

TEST(FieldsTransform, SetsConstantsTodayAndNow) {
  FieldsTransform fields = make(R"({"set": {"s": "web", "n": 3, "x": 0.5,
      "ok": false, "create_date": "today", "at": "now", "a": "replaced"}})");
  sluice::Rejector rejects(1);
  sluice::OwnedBatch out = fields.process(abc_batch(), rejects);
  const sluice::BatchView v = out.view();
  EXPECT_EQ(v.column("a").string(0), "replaced");
  EXPECT_EQ(v.column("s").string(0), "web");
  EXPECT_EQ(v.column("n").int64(0), 3);
  EXPECT_EQ(v.column("x").float64(0), 0.5);
  EXPECT_FALSE(v.column("ok").boolean(0));
  EXPECT_EQ(v.column("create_date").date32(0), 19849);
  EXPECT_EQ(v.column("at").timestamp_us(0), 1714979289000000);
}

TEST(FieldsTransform, AppliesRenameConvertSetDropInThatOrder) {
  FieldsTransform fields = make(R"({"drop": ["b", "tmp", "absent"],
      "set": {"tmp": 1}, "convert": {"n": "int64"}, "rename": {"a": "n"}})");
  sluice::Rejector rejects(1);
  sluice::OwnedBatch out = fields.process(abc_batch(), rejects);
  EXPECT_EQ(column_names(out), (std::vector<std::string>{"n", "c"}));
  EXPECT_EQ(out.view().column("n").int64(0), 1);
}

TEST(FieldsTransform, ConfigErrorsNameTheOption) {
  try {
    make(R"({"convert": {"a": "uuid"}})");
    FAIL() << "expected ConfigError";
  } catch (const sluice::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("'convert.a'"), std::string::npos);
  }
  EXPECT_THROW(make(R"({"set": {"a": [1]}})"), sluice::ConfigError);
  EXPECT_THROW(make(R"({"rename": {"a": 1}})"), sluice::ConfigError);
}

}  // namespace
}  // namespace sluice::standard
