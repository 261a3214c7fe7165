#include "json_transform.h"

#include "host_config.h"
#include "test_batches.h"

#include <gtest/gtest.h>

namespace sluice::standard {
namespace {

using sluice::standard::testing::column_names;
using sluice::standard::testing::reasons;
using sluice::standard::testing::text_batch;

JsonTransform make(const std::string& config_json) {
  return JsonTransform(testing::host_config<JsonTransform>(config_json));
}

TEST(JsonTransform, ParsesTypedFieldsAndKeepsInputColumns) {
  JsonTransform json = make(R"({"fields": {"user": "string", "n": "int64",
      "x": "float64", "ok": "bool", "day": "date", "at": "timestamp",
      "raw": "json"}})");
  auto in = text_batch("body", {R"({"user": "ann", "n": 7, "x": 1, "ok": true,
      "day": "2024-02-29", "at": "2024-05-06T07:08:09Z",
      "raw": {"a": [1, 2]}})"});
  sluice::Rejector rejects(1);
  sluice::OwnedBatch out = json.process(std::move(in), rejects);
  EXPECT_TRUE(rejects.rejected().empty());
  EXPECT_EQ(column_names(out),
            (std::vector<std::string>{"body", "user", "n", "x", "ok", "day", "at", "raw"}));
  const sluice::BatchView v = out.view();
  EXPECT_EQ(v.column("user").string(0), "ann");
  EXPECT_EQ(v.column("n").int64(0), 7);
  EXPECT_EQ(v.column("x").float64(0), 1.0);
  EXPECT_TRUE(v.column("ok").boolean(0));
  EXPECT_EQ(v.column("day").date32(0), 19782);
  EXPECT_EQ(v.column("at").timestamp_us(0), 1714979289000000);
  EXPECT_EQ(v.column("raw").string(0), R"({"a":[1,2]})");
}

TEST(JsonTransform, InputColumnsAreMovedNotCopied) {
  JsonTransform json = make(R"({"fields": {"a": "string"}})");
  auto in = text_batch("body", {R"({"a": "x"})"});
  const void* body_data = in.column("body").view().array().buffers[2];
  sluice::Rejector rejects(1);
  sluice::OwnedBatch out = json.process(std::move(in), rejects);
  EXPECT_EQ(out.column("body").view().array().buffers[2], body_data);
}

TEST(JsonTransform, AbsentAndNullFieldsAreNull) {
  JsonTransform json = make(R"({"fields": {"a": "string", "b": "int64"}})");
  auto in = text_batch("body", {R"({"a": null})", "{}"});
  sluice::Rejector rejects(2);
  sluice::OwnedBatch out = json.process(std::move(in), rejects);
  EXPECT_TRUE(rejects.rejected().empty());
  const sluice::BatchView v = out.view();
  EXPECT_TRUE(v.column("a").is_null(0));
  EXPECT_TRUE(v.column("b").is_null(1));
}

TEST(JsonTransform, NestedPathsAndRenamedFields) {
  JsonTransform json = make(R"({"fields": {"device.os": "string",
      "version": {"path": "device.app.version", "type": "string"}}})");
  auto in = text_batch(
      "body", {R"({"device": {"os": "ios", "app": {"version": "2.3.0"}}})", R"({"device": "flat"})"});
  sluice::Rejector rejects(2);
  sluice::OwnedBatch out = json.process(std::move(in), rejects);
  const sluice::BatchView v = out.view();
  EXPECT_EQ(v.column("device.os").string(0), "ios");
  EXPECT_EQ(v.column("version").string(0), "2.3.0");
  EXPECT_TRUE(v.column("device.os").is_null(1));  // not an object: absent
}

TEST(JsonTransform, DuplicateKeysKeepTheLastValue) {
  JsonTransform json = make(R"({"fields": {"user": "string", "device.os": "string"}})");
  auto in = text_batch("body", {R"({"user": "first", "user": "last", "device": {"os": "a", "os": "b"}})",
                                R"({"device": {"os": "a"}, "device": {"model": "x"}})"});
  sluice::Rejector rejects(2);
  sluice::OwnedBatch out = json.process(std::move(in), rejects);
  EXPECT_TRUE(rejects.rejected().empty());
  const sluice::BatchView v = out.view();
  EXPECT_EQ(v.column("user").string(0), "last");
  EXPECT_EQ(v.column("device.os").string(0), "b");
  EXPECT_TRUE(v.column("device.os").is_null(1));  // the last "device" has no "os"
}

TEST(JsonTransform, BadRowsAreRejectedWithReasonsNamingFieldsOnly) {
  JsonTransform json = make(R"({"fields": {"user": "string", "n": "int64",
      "day": "date"}, "required": ["user"]})");
  auto in = text_batch("body", {R"({"user": "ok", "n": 1})",                    // 0 good
                                "not json at all",                              // 1
                                R"(["an", "array"])",                           // 2
                                R"({"n": 2})",                                  // 3 missing required
                                R"({"user": null})",                            // 4 null required
                                R"({"user": 5})",                               // 5 wrong type
                                R"({"user": "x", "n": 1.5})",                   // 6 float for int64
                                R"({"user": "x", "n": 99999999999999999999})",  // 7 overflow
                                "{\"user\": \"\xff\"}",                         // 8 invalid UTF-8
                                std::nullopt,                                   // 9 null body
                                R"({"user": "x", "day": "2024-02-30"})",        // 10 not a date
                                R"({"user": "last"})"});                        // 11 good
  sluice::Rejector rejects(12);
  sluice::OwnedBatch out = json.process(std::move(in), rejects);
  EXPECT_EQ(
      reasons(rejects),
      (std::vector<std::string>{"1: column 'body' is not valid JSON", "2: column 'body' is not a JSON object",
                                "3: required field 'user' is missing", "4: required field 'user' is null",
                                "5: field 'user' is not of type string", "6: field 'n' is not of type int64",
                                "7: column 'body' holds a number that is malformed or out of range",
                                "8: column 'body' is not valid UTF-8", "9: column 'body' is null",
                                "10: field 'day' is not a date (\"YYYY-MM-DD\")"}));
  out.remove_rows(rejects.removed_mask());
  ASSERT_EQ(out.num_rows(), 2);
  EXPECT_EQ(out.view().column("user").string(1), "last");
}

TEST(JsonTransform, RequiredFieldsAreCheckedInTheOrderOfRequired) {
  JsonTransform json = make(R"({"fields": {"n": "int64", "b": "string",
      "a": "string"}, "required": ["a", "b"]})");
  auto in =
      text_batch("body", {R"({"n": "wrong"})", R"({"a": "x", "n": 1})", R"({"a": "x", "b": "y", "n": 2})"});
  sluice::Rejector rejects(3);
  sluice::OwnedBatch out = json.process(std::move(in), rejects);
  EXPECT_EQ(reasons(rejects), (std::vector<std::string>{"0: required field 'a' is missing",
                                                        "1: required field 'b' is missing"}));
  EXPECT_EQ(column_names(out), (std::vector<std::string>{"body", "n", "b", "a"}));
  EXPECT_EQ(out.view().column("n").int64(2), 2);
}

TEST(JsonTransform, ParsedColumnReplacesInputColumnOfTheSameName) {
  JsonTransform json = make(R"({"source": "payload", "fields": {"id": "int64"}})");
  sluice::OwnedBatch in(1);
  in.add_column(sluice::standard::testing::text_column("id", {"old"}));
  in.add_column(sluice::standard::testing::text_column("payload", {R"({"id": 3})"}));
  sluice::Rejector rejects(1);
  sluice::OwnedBatch out = json.process(std::move(in), rejects);
  EXPECT_EQ(column_names(out), (std::vector<std::string>{"id", "payload"}));
  EXPECT_EQ(out.view().column("id").int64(0), 3);
}

TEST(JsonTransform, MissingSourceColumnFailsTheBatchNamingIt) {
  JsonTransform json = make(R"({"fields": {"a": "string"}})");
  sluice::Rejector rejects(1);
  try {
    json.process(text_batch("message", {"{}"}), rejects);
    FAIL() << "expected ConfigError";
  } catch (const sluice::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("'body'"), std::string::npos);
  }
}

TEST(JsonTransform, ConfigErrorsNameTheOption) {
  EXPECT_THROW(make(R"({"fields": {"a": "uuid"}})"), sluice::ConfigError);
  EXPECT_THROW(make(R"({"fields": {}})"), sluice::ConfigError);
  EXPECT_THROW(make(R"({"fields": {"a": "string"}, "required": ["b"]})"), sluice::ConfigError);
  EXPECT_THROW(make(R"({"fields": {"a": {"path": "x..y", "type": "string"}}})"), sluice::ConfigError);
  try {
    make(R"({"fields": {"a": {"path": "x", "type": "uuid"}}})");
    FAIL() << "expected ConfigError";
  } catch (const sluice::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("'fields.a.type'"), std::string::npos) << e.what();
  }
}

TEST(JsonTransform, SchemaIsValidJson) {
  const auto schema = nlohmann::json::parse(JsonTransform::info.config_schema);
  EXPECT_EQ(schema["required"], nlohmann::json::array({"fields"}));
}

}  // namespace
}  // namespace sluice::standard
