#include "test_spec.h"

#include <fstream>
#include <set>

#include "pipeline_spec.h"

namespace sluice::core {
namespace {

using nlohmann::json;

// A test file is a few pages; the same bound as a pipeline file.
constexpr size_t kMaxTestFileBytes = 1 << 20;

// The shape of the file. Keys not named here are refused with the nearest
// known one ("did you mean"); what a schema cannot say (one matcher per
// field, valid patterns, same_as naming a case) is checked afterwards.
const json& test_file_schema() {
  static const json schema = json::parse(R"({
    "type": "object",
    "properties": {
      "env": {"type": "object", "additionalProperties": {"type": "string"}},
      "defaults": {"type": "object", "additionalProperties": {}},
      "cases": {"type": "array", "minItems": 1, "items": {
        "type": "object",
        "properties": {
          "name": {"type": "string", "minLength": 1},
          "input": {"oneOf": [
            {"type": "string"},
            {"type": "object", "additionalProperties": {}},
            {"type": "array", "minItems": 1, "items": {"oneOf": [
              {"type": "string"}, {"type": "object", "additionalProperties": {}}]}}]},
          "steps": {"type": "array", "minItems": 1, "items": {"type": "string"}},
          "rows": {"type": "array", "items": {"type": "object", "additionalProperties": {"oneOf": [
            {"type": ["string", "null"]},
            {"type": "object", "properties": {
              "equals": {"type": "string"},
              "not_equals": {"type": "string"},
              "regex": {"type": "string"},
              "is_null": {"type": "boolean"},
              "same_as": {"type": "string"},
              "not_same_as": {"type": "string"},
              "absent": {"type": "boolean"}}}]}}},
          "rejected": {"type": "array", "items": {
            "type": "object",
            "properties": {"step": {"type": "string", "minLength": 1}, "reason": {"type": "string"}},
            "required": ["step"]}}
        },
        "required": ["name", "input"]}}
    },
    "required": ["cases"]
  })");
  return schema;
}

ConfigIssue test_file_issue(const YAML::Node& node, std::string key_path, std::string message) {
  YAML::Mark mark = node.Mark();
  return {mark.is_null() ? 0 : mark.line + 1, mark.is_null() ? 0 : mark.column + 1, std::move(key_path),
          std::move(message)};
}

TextPosition position_of(const YAML::Node& node) {
  YAML::Mark mark = node.Mark();
  return mark.is_null() ? TextPosition{} : TextPosition{mark.line + 1, mark.column + 1};
}

// A record written as a mapping of columns, or as a string: the body.
InputRecord read_record(const YAML::Node& node, const std::string& key_path,
                        std::vector<ConfigIssue>* issues) {
  InputRecord record;
  if (node.IsScalar()) {
    record.emplace_back("body", ConfigJson(node.Scalar()));
    return record;
  }
  for (const auto& kv : node) {
    const std::string column = kv.first.Scalar();
    if (kv.second.IsMap() || kv.second.IsSequence()) {
      issues->push_back(test_file_issue(kv.second, key_path + "." + column,
                                        "an input value must be a string, number, boolean or null"));
      continue;
    }
    record.emplace_back(column, infer_scalar(kv.second));
  }
  return record;
}

std::vector<InputRecord> read_input(const YAML::Node& node, const std::string& key_path,
                                    std::vector<ConfigIssue>* issues) {
  std::vector<InputRecord> records;
  if (!node.IsSequence()) {
    records.push_back(read_record(node, key_path, issues));
    return records;
  }
  for (size_t i = 0; i < node.size(); ++i) {
    records.push_back(read_record(node[i], key_path + "[" + std::to_string(i) + "]", issues));
  }
  return records;
}

const std::vector<std::pair<const char*, MatchKind>>& matcher_keys() {
  static const std::vector<std::pair<const char*, MatchKind>> keys{
      {"equals", MatchKind::kEquals},  {"not_equals", MatchKind::kNotEquals},
      {"regex", MatchKind::kRegex},    {"is_null", MatchKind::kIsNull},
      {"same_as", MatchKind::kSameAs}, {"not_same_as", MatchKind::kNotSameAs},
      {"absent", MatchKind::kAbsent}};
  return keys;
}

// Checks what the schema cannot: one matcher, a pattern that compiles, a
// same_as of the form CASE.FIELD.
void check_matcher(const YAML::Node& node, const std::string& key_path, ValueMatcher* m,
                   std::vector<ConfigIssue>* issues) {
  if (node.size() != 1) {
    issues->push_back(test_file_issue(
        node, key_path,
        "give exactly one matcher (equals, not_equals, regex, is_null, same_as, not_same_as, absent)"));
  } else if (m->kind == MatchKind::kRegex) {
    if (auto problem = regex_problem(m->operand))
      issues->push_back(test_file_issue(node, key_path, *problem));
  } else if ((m->kind == MatchKind::kSameAs || m->kind == MatchKind::kNotSameAs) && !split_same_as(m)) {
    issues->push_back(
        test_file_issue(node, key_path,
                        std::string(match_kind_name(m->kind)) +
                            " takes CASE.FIELD or CASE[ROW].FIELD: a case's name, a dot, a field"));
  }
}

// is_null / absent, typed as the schema accepted them (true, yes, on, ...).
bool read_flag(const YAML::Node& node) {
  static const json kBoolean = {{"type", "boolean"}};
  std::vector<ConfigIssue> ignored;  // the schema check has passed
  return type_and_validate(node, kBoolean, "", &ignored) == true;
}

ValueMatcher read_matcher(const YAML::Node& node, const std::string& key_path,
                          std::vector<ConfigIssue>* issues) {
  ValueMatcher m;
  if (!node.IsMap()) {
    // A plain value: it must equal that; null: it must be null.
    if (infer_scalar(node).is_null())
      m.kind = MatchKind::kIsNull;
    else
      m.operand = node.Scalar();
    return m;
  }
  for (const auto& kv : node) {
    for (const auto& [key, kind] : matcher_keys()) {
      if (kv.first.Scalar() != key) continue;
      m.kind = kind;
      m.operand = kv.second.Scalar();
      if (kind == MatchKind::kIsNull || kind == MatchKind::kAbsent) m.flag = read_flag(kv.second);
    }
  }
  check_matcher(node, key_path, &m, issues);
  return m;
}

std::vector<RowExpectation> read_rows(const YAML::Node& node, const std::string& key_path,
                                      std::vector<ConfigIssue>* issues) {
  std::vector<RowExpectation> rows;
  for (size_t i = 0; i < node.size(); ++i) {
    RowExpectation row;
    const std::string row_path = key_path + "[" + std::to_string(i) + "]";
    for (const auto& kv : node[i]) {
      const std::string field = kv.first.Scalar();
      row.push_back({field, read_matcher(kv.second, row_path + "." + field, issues)});
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<RejectExpectation> read_rejected(const YAML::Node& node) {
  std::vector<RejectExpectation> rejected;
  for (const YAML::Node& item : node) {
    rejected.push_back({item["step"].Scalar(), item["reason"] ? item["reason"].Scalar() : ""});
  }
  return rejected;
}

TestCase read_case(const YAML::Node& node, const std::string& key_path, std::vector<ConfigIssue>* issues) {
  TestCase test;
  test.name = node["name"].Scalar();
  test.position = position_of(node);
  test.input = read_input(node["input"], key_path + ".input", issues);
  if (const YAML::Node steps = node["steps"]) {
    test.steps_position = position_of(steps);
    for (const YAML::Node& step : steps) test.steps.push_back(step.Scalar());
  }
  if (const YAML::Node rows = node["rows"]) test.rows = read_rows(rows, key_path + ".rows", issues);
  if (const YAML::Node rejected = node["rejected"]) test.rejected = read_rejected(rejected);
  if (!test.rows && !test.rejected) {
    issues->push_back(test_file_issue(
        node, key_path, "case '" + test.name + "' checks nothing: give `rows`, `rejected` or both"));
  }
  return test;
}

// Case names are how failures, JUnit and same_as name a case.
void check_case_names(const YAML::Node& cases, const TestFile& file, std::vector<ConfigIssue>* issues) {
  std::set<std::string> names;
  for (size_t i = 0; i < file.cases.size(); ++i) {
    if (!names.insert(file.cases[i].name).second) {
      issues->push_back(test_file_issue(cases[i]["name"], "cases[" + std::to_string(i) + "].name",
                                        "case name '" + file.cases[i].name + "' is used twice"));
    }
  }
  for (size_t i = 0; i < file.cases.size(); ++i) {
    const YAML::Node rows = cases[i]["rows"];
    if (!file.cases[i].rows) continue;
    for (size_t r = 0; r < file.cases[i].rows->size(); ++r) {
      for (const FieldExpectation& f : (*file.cases[i].rows)[r]) {
        if (f.matcher.other_case.empty()) continue;
        if (names.count(f.matcher.other_case)) continue;
        issues->push_back(test_file_issue(
            rows[r][f.field], "cases[" + std::to_string(i) + "].rows[" + std::to_string(r) + "]." + f.field,
            std::string(match_kind_name(f.matcher.kind)) + " names no case '" + f.matcher.other_case + "'"));
      }
    }
  }
}

TestFile read_test_file(const std::string& path, const YAML::Node& root, std::vector<ConfigIssue>* issues) {
  TestFile file;
  file.path = path;
  if (const YAML::Node env = root["env"]) {
    for (const auto& kv : env) file.env.emplace_back(kv.first.Scalar(), kv.second.Scalar());
  }
  if (const YAML::Node defaults = root["defaults"]) file.defaults = read_record(defaults, "defaults", issues);
  const YAML::Node cases = root["cases"];
  for (size_t i = 0; i < cases.size(); ++i) {
    file.cases.push_back(read_case(cases[i], "cases[" + std::to_string(i) + "]", issues));
  }
  check_case_names(cases, file, issues);
  return file;
}

}  // namespace

Result<TestFile> parse_test_file(const std::string& path, const std::string& text) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    return config_error(
        format_issue(path, {e.mark.line + 1, e.mark.column + 1, "", "invalid YAML: " + e.msg}));
  }
  if (!root.IsMap()) return config_error(path + ": a test file must be a YAML mapping with `cases`");
  std::vector<ConfigIssue> issues;
  type_and_validate(root, test_file_schema(), "", &issues);
  if (!issues.empty()) return issues_to_status(path, issues);
  TestFile file = read_test_file(path, root, &issues);
  if (!issues.empty()) return issues_to_status(path, issues);
  return file;
}

Result<TestFile> load_test_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return config_error(path + ": cannot open the test file");
  std::string text(kMaxTestFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kMaxTestFileBytes) {
    return config_error(path + ": the test file is larger than 1 MiB, the most a test file may be");
  }
  return parse_test_file(path, text);
}

}  // namespace sluice::core
