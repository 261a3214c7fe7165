#include "config_schema.h"

#include <gtest/gtest.h>

namespace sluice::core {
namespace {

using nlohmann::json;

const json kSchema = json::parse(R"({
  "type": "object",
  "properties": {
    "path": {"type": "string"},
    "batch_size": {"type": "integer", "minimum": 1, "maximum": 100},
    "ratio": {"type": "number"},
    "fsync": {"type": "boolean"},
    "mode": {"type": "string", "enum": ["ff1", "ff3-1"]},
    "fields": {"oneOf": [{"type": "array", "items": {"type": "string"}},
                         {"type": "object", "additionalProperties": {"type": "string"}}]}
  },
  "required": ["path"],
  "additionalProperties": false
})");

ConfigJson check(const std::string& yaml, std::vector<ConfigIssue>* issues) {
  return type_and_validate(YAML::Load(yaml), kSchema, "sink", issues);
}

TEST(TypeAndValidate, TypesScalarsBySchema) {
  std::vector<ConfigIssue> issues;
  ConfigJson out = check("path: 123\nbatch_size: 50\nratio: 1.5\nfsync: yes\n", &issues);
  ASSERT_TRUE(issues.empty()) << issues[0].message;
  EXPECT_EQ(out["path"], "123");
  EXPECT_EQ(out["batch_size"], 50);
  EXPECT_EQ(out["ratio"], 1.5);
  EXPECT_EQ(out["fsync"], true);
}

TEST(TypeAndValidate, UnknownKeySuggestsNearestWithPosition) {
  std::vector<ConfigIssue> issues;
  check("path: x\nbatch_sise: 5\n", &issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].line, 2);
  EXPECT_EQ(issues[0].column, 1);
  EXPECT_EQ(issues[0].key_path, "sink.batch_sise");
  EXPECT_NE(issues[0].message.find("did you mean 'batch_size'"), std::string::npos);
}

TEST(TypeAndValidate, WrongTypeAndRange) {
  std::vector<ConfigIssue> issues;
  check("path: x\nbatch_size: lots\n", &issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].message.find("expected integer"), std::string::npos);
  issues.clear();
  check("path: x\nbatch_size: 1000\n", &issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].message.find("at most 100"), std::string::npos);
}

TEST(TypeAndValidate, MissingRequiredKey) {
  std::vector<ConfigIssue> issues;
  check("fsync: true\n", &issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].message.find("missing required key 'path'"), std::string::npos);
}

TEST(TypeAndValidate, EnumSuggests) {
  std::vector<ConfigIssue> issues;
  check("path: x\nmode: ff3_1\n", &issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].message.find("did you mean 'ff3-1'"), std::string::npos);
}

TEST(TypeAndValidate, OneOfListOrMap) {
  std::vector<ConfigIssue> issues;
  ConfigJson list = check("path: x\nfields: [ip, device_id]\n", &issues);
  ConfigJson map = check("path: x\nfields: {ip: masked_ip}\n", &issues);
  ASSERT_TRUE(issues.empty());
  EXPECT_EQ(list["fields"], ConfigJson::array({"ip", "device_id"}));
  EXPECT_EQ(map["fields"]["ip"], "masked_ip");
  check("path: x\nfields: {ip: [1]}\n", &issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].key_path, "sink.fields.ip");
}

TEST(TypeAndValidate, QuotedScalarsStayStrings) {
  EXPECT_EQ(infer_scalar(YAML::Load("\"123\"")), "123");
  EXPECT_EQ(infer_scalar(YAML::Load("123")), 123);
  EXPECT_EQ(infer_scalar(YAML::Load("today")), "today");
  EXPECT_TRUE(infer_scalar(YAML::Load("~")).is_null());
}

}  // namespace
}  // namespace sluice::core
