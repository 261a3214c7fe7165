// The test file of `sluice test` (README "Testing a pipeline"): cases of
// input records, the transforms to run, and what must come out. Read and
// checked whole before anything runs; every problem is reported as
// file:line:column, like the pipeline file's.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config_schema.h"
#include "status.h"
#include "value_matcher.h"

namespace sluice::core {

// Where something was written in the test file (1-based).
struct TextPosition {
  int line = 0;
  int column = 0;
};

// One input record: columns in the order written, values typed as YAML
// reads them (a quoted value is always a string).
using InputRecord = std::vector<std::pair<std::string, ConfigJson>>;

struct FieldExpectation {
  std::string field;
  ValueMatcher matcher;
};
using RowExpectation = std::vector<FieldExpectation>;

struct RejectExpectation {
  std::string step;
  std::string reason;  // a substring of the reason; empty: any
};

struct TestCase {
  std::string name;
  TextPosition position;
  std::vector<InputRecord> input;
  std::vector<std::string> steps;  // empty: every transform, in pipeline order
  TextPosition steps_position;
  std::optional<std::vector<RowExpectation>> rows;         // nullopt: not checked
  std::optional<std::vector<RejectExpectation>> rejected;  // nullopt: not checked
};

struct TestFile {
  std::string path;
  std::vector<std::pair<std::string, std::string>> env;  // set while the file's cases run
  InputRecord defaults;                                  // columns every record has unless it sets them
  std::vector<TestCase> cases;
};

// Reads and checks the test file at `path`.
Result<TestFile> load_test_file(const std::string& path);
// The same from text (`path` names it in messages).
Result<TestFile> parse_test_file(const std::string& path, const std::string& text);

}  // namespace sluice::core
