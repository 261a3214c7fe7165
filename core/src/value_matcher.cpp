#include "value_matcher.h"

#include <regex>

namespace sluice::core {
namespace {

std::string quoted(const std::string& text) { return "'" + text + "'"; }

bool is_value(const CellValue& cell) { return cell.present && cell.text.has_value(); }

std::optional<std::string> mismatch_equals(const ValueMatcher& m, const CellValue& actual) {
  if (is_value(actual) && *actual.text == m.operand) return std::nullopt;
  return quoted(m.operand);
}

std::optional<std::string> mismatch_not_equals(const ValueMatcher& m, const CellValue& actual) {
  if (is_value(actual) && *actual.text != m.operand) return std::nullopt;
  return "a value other than " + quoted(m.operand);
}

std::optional<std::string> mismatch_regex(const ValueMatcher& m, const CellValue& actual) {
  // Patterns were checked when the test file was read.
  if (is_value(actual) && std::regex_search(*actual.text, std::regex(m.operand, std::regex::ECMAScript))) {
    return std::nullopt;
  }
  return "a value matching " + quoted(m.operand);
}

std::optional<std::string> mismatch_is_null(const ValueMatcher& m, const CellValue& actual) {
  const bool is_null = actual.present && !actual.text.has_value();
  if (is_null == m.flag) return std::nullopt;
  return m.flag ? "null" : "a value (not null)";
}

std::optional<std::string> mismatch_same_as(const ValueMatcher& m, const CellValue& actual,
                                            const CellValue& other) {
  const std::string expected =
      "the same as case '" + m.other_case + "' field '" + m.other_field + "' (" + describe_cell(other) + ")";
  if (!other.present || !actual.present) return expected;
  if (actual.text == other.text) return std::nullopt;
  return expected;
}

std::optional<std::string> mismatch_not_same_as(const ValueMatcher& m, const CellValue& actual,
                                                const CellValue& other) {
  if (is_value(actual) && other.present && actual.text != other.text) return std::nullopt;
  return "a value other than case '" + m.other_case + "' field '" + m.other_field + "' (" +
         describe_cell(other) + ")";
}

std::optional<std::string> mismatch_absent(const ValueMatcher& m, const CellValue& actual) {
  if (actual.present != m.flag) return std::nullopt;
  return m.flag ? "no such column" : "the column to be there";
}

}  // namespace

const char* match_kind_name(MatchKind kind) {
  switch (kind) {
    case MatchKind::kEquals: return "equals";
    case MatchKind::kNotEquals: return "not_equals";
    case MatchKind::kRegex: return "regex";
    case MatchKind::kIsNull: return "is_null";
    case MatchKind::kSameAs: return "same_as";
    case MatchKind::kNotSameAs: return "not_same_as";
    case MatchKind::kAbsent: return "absent";
  }
  return "equals";
}

std::optional<std::string> regex_problem(const std::string& pattern) {
  try {
    std::regex compiled(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return std::string("not a valid regular expression: ") + e.what();
  }
  return std::nullopt;
}

std::optional<std::string> mismatch(const ValueMatcher& matcher, const CellValue& actual,
                                    const CellValue& other) {
  switch (matcher.kind) {
    case MatchKind::kEquals: return mismatch_equals(matcher, actual);
    case MatchKind::kNotEquals: return mismatch_not_equals(matcher, actual);
    case MatchKind::kRegex: return mismatch_regex(matcher, actual);
    case MatchKind::kIsNull: return mismatch_is_null(matcher, actual);
    case MatchKind::kSameAs: return mismatch_same_as(matcher, actual, other);
    case MatchKind::kNotSameAs: return mismatch_not_same_as(matcher, actual, other);
    case MatchKind::kAbsent: return mismatch_absent(matcher, actual);
  }
  return "an unknown matcher";
}

bool split_same_as(ValueMatcher* m) {
  const size_t dot = m->operand.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == m->operand.size()) return false;
  std::string case_name = m->operand.substr(0, dot);
  m->other_field = m->operand.substr(dot + 1);
  m->other_row.reset();
  // A trailing [N] names the row.
  const size_t open = case_name.rfind('[');
  if (case_name.back() == ']' && open != std::string::npos && open > 0) {
    const std::string digits = case_name.substr(open + 1, case_name.size() - open - 2);
    if (!digits.empty() && digits.size() < 10 &&
        digits.find_first_not_of("0123456789") == std::string::npos) {
      m->other_row = static_cast<size_t>(std::stoul(digits));
      case_name.resize(open);
    }
  }
  m->other_case = std::move(case_name);
  return true;
}

std::string describe_cell(const CellValue& value) {
  if (!value.present) return "no such column";
  if (!value.text) return "null";
  return quoted(*value.text);
}

}  // namespace sluice::core
