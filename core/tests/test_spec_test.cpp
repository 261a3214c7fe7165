#include "test_spec.h"

#include <gtest/gtest.h>

namespace sluice::core {
namespace {

constexpr const char* kMinimalTestFile = R"(cases:
  - name: one login
    input: '{"user_id": "u1"}'
    rows:
      - user_id: u1
)";

Result<TestFile> parse(const std::string& text) { return parse_test_file("t.test.yaml", text); }

std::string error_of(const std::string& text) {
  Result<TestFile> file = parse(text);
  EXPECT_FALSE(file.ok()) << text;
  EXPECT_EQ(exit_code(file.status()), 2);
  return file.status().message();
}

TEST(TestSpec, ReadsAMinimalFile) {
  Result<TestFile> file = parse(kMinimalTestFile);
  ASSERT_TRUE(file.ok()) << file.status().message();
  ASSERT_EQ(file->cases.size(), 1u);
  const TestCase& c = file->cases[0];
  EXPECT_EQ(c.name, "one login");
  EXPECT_EQ(c.position.line, 2);
  ASSERT_EQ(c.input.size(), 1u);
  ASSERT_EQ(c.input[0].size(), 1u);
  EXPECT_EQ(c.input[0][0].first, "body");  // a string record is the body
  EXPECT_EQ(c.input[0][0].second, "{\"user_id\": \"u1\"}");
  EXPECT_TRUE(c.steps.empty());
  ASSERT_TRUE(c.rows.has_value());
  EXPECT_FALSE(c.rejected.has_value());
  ASSERT_EQ((*c.rows)[0].size(), 1u);
  EXPECT_EQ((*c.rows)[0][0].field, "user_id");
  EXPECT_EQ((*c.rows)[0][0].matcher.kind, MatchKind::kEquals);
  EXPECT_EQ((*c.rows)[0][0].matcher.operand, "u1");
}

TEST(TestSpec, TypesInputColumnsAsYamlDoes) {
  Result<TestFile> file = parse(R"(defaults: {sent_timestamp: "2026-03-01T08:15:00Z"}
env: {SLUICE_MASK_KEY: "00ff"}
cases:
  - name: typed
    input:
      - {message_id: m1, receive_count: 2, score: 1.5, ok: true, quoted: "7", gone: null}
    steps: [parse]
    rejected: [{step: parse, reason: missing}]
)");
  ASSERT_TRUE(file.ok()) << file.status().message();
  ASSERT_EQ(file->env.size(), 1u);
  EXPECT_EQ(file->env[0].second, "00ff");
  ASSERT_EQ(file->defaults.size(), 1u);
  const InputRecord& r = file->cases[0].input[0];
  ASSERT_EQ(r.size(), 6u);
  EXPECT_TRUE(r[0].second.is_string());
  EXPECT_TRUE(r[1].second.is_number_integer());
  EXPECT_TRUE(r[2].second.is_number_float());
  EXPECT_TRUE(r[3].second.is_boolean());
  EXPECT_TRUE(r[4].second.is_string());  // quoted: a string whatever it looks like
  EXPECT_TRUE(r[5].second.is_null());
  EXPECT_EQ(file->cases[0].steps, std::vector<std::string>{"parse"});
  ASSERT_EQ(file->cases[0].rejected->size(), 1u);
  EXPECT_EQ((*file->cases[0].rejected)[0].reason, "missing");
}

TEST(TestSpec, ReadsEveryMatcher) {
  Result<TestFile> file = parse(R"(cases:
  - name: a
    input: x
    rows:
      - {v1: 2003000, v2: null, v3: {equals: "x"}, v4: {not_equals: y}, v5: {regex: "^a+$"},
         v6: {is_null: false}, v7: {same_as: a.v1}, v8: {not_same_as: "a[0].v1"}, v9: {absent: true}}
)");
  ASSERT_TRUE(file.ok()) << file.status().message();
  const RowExpectation& row = (*file->cases[0].rows)[0];
  const MatchKind kinds[] = {MatchKind::kEquals,    MatchKind::kIsNull,    MatchKind::kEquals,
                             MatchKind::kNotEquals, MatchKind::kRegex,     MatchKind::kIsNull,
                             MatchKind::kSameAs,    MatchKind::kNotSameAs, MatchKind::kAbsent};
  ASSERT_EQ(row.size(), 9u);
  for (size_t i = 0; i < row.size(); ++i) EXPECT_EQ(row[i].matcher.kind, kinds[i]) << row[i].field;
  EXPECT_EQ(row[0].matcher.operand, "2003000");
  EXPECT_FALSE(row[5].matcher.flag);
  EXPECT_EQ(row[6].matcher.other_case, "a");
  EXPECT_EQ(row[7].matcher.other_row, 0u);
}

TEST(TestSpec, UnknownKeysGetASuggestionWithLineAndColumn) {
  EXPECT_EQ(error_of("cases:\n  - name: a\n    input: x\n    rowz: []\n"),
            "t.test.yaml:4:5: cases[0].rowz: unknown key 'rowz'; did you mean 'rows'?");
  EXPECT_EQ(error_of("cases:\n  - name: a\n    input: x\n    rows: [{f: {regexp: a}}]\n"),
            "t.test.yaml:4:17: cases[0].rows[0].f.regexp: unknown key 'regexp'; did you mean 'regex'?");
  EXPECT_NE(error_of("case:\n  - name: a\n").find("unknown key 'case'; did you mean 'cases'?"),
            std::string::npos);
}

TEST(TestSpec, BadYamlGivesLineAndColumn) {
  const std::string message = error_of("cases:\n  - name: a\n    input: [x\n");
  EXPECT_EQ(message.rfind("t.test.yaml:4:1: invalid YAML", 0), 0u) << message;
}

TEST(TestSpec, RefusesWhatTheSchemaCannotSay) {
  EXPECT_NE(error_of("cases:\n  - name: a\n    input: x\n").find("checks nothing"), std::string::npos);
  EXPECT_NE(error_of("cases:\n  - name: a\n    input: x\n    rows: [{f: {equals: a, regex: b}}]\n")
                .find("exactly one matcher"),
            std::string::npos);
  EXPECT_NE(error_of("cases:\n  - name: a\n    input: x\n    rows: [{f: {regex: '(['}}]\n")
                .find("t.test.yaml:4:16: cases[0].rows[0].f: not a valid regular expression"),
            std::string::npos);
  EXPECT_NE(error_of("cases:\n  - name: a\n    input: x\n    rows: [{f: {same_as: nobody.f}}]\n")
                .find("same_as names no case 'nobody'"),
            std::string::npos);
  EXPECT_NE(
      error_of("cases:\n  - name: a\n    input: x\n    rows: []\n  - name: a\n    input: y\n    rows: []\n")
          .find("t.test.yaml:5:11: cases[1].name: case name 'a' is used twice"),
      std::string::npos);
  EXPECT_NE(
      error_of("cases:\n  - name: a\n    input: {body: [1]}\n    rows: []\n").find("an input value must be"),
      std::string::npos);
  EXPECT_NE(error_of("cases: []\n").find("needs at least 1 items"), std::string::npos);
  EXPECT_NE(error_of("- a\n").find("must be a YAML mapping"), std::string::npos);
}

}  // namespace
}  // namespace sluice::core
