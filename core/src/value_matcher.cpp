#include "value_matcher.h"

#include <regex>

namespace sluice::core {
namespace {

std::string Quoted(const std::string& text) { return "'" + text + "'"; }

bool IsValue(const CellValue& cell) { return cell.present && cell.text.has_value(); }

std::optional<std::string> MismatchEquals(const ValueMatcher& m, const CellValue& actual) {
  if (IsValue(actual) && *actual.text == m.operand) return std::nullopt;
  return Quoted(m.operand);
}

std::optional<std::string> MismatchNotEquals(const ValueMatcher& m, const CellValue& actual) {
  if (IsValue(actual) && *actual.text != m.operand) return std::nullopt;
  return "a value other than " + Quoted(m.operand);
}

std::optional<std::string> MismatchRegex(const ValueMatcher& m, const CellValue& actual) {
  // Patterns were checked when the test file was read.
  if (IsValue(actual) && std::regex_search(*actual.text, std::regex(m.operand, std::regex::ECMAScript))) {
    return std::nullopt;
  }
  return "a value matching " + Quoted(m.operand);
}

std::optional<std::string> MismatchIsNull(const ValueMatcher& m, const CellValue& actual) {
  const bool is_null = actual.present && !actual.text.has_value();
  if (is_null == m.flag) return std::nullopt;
  return m.flag ? "null" : "a value (not null)";
}

std::optional<std::string> MismatchSameAs(const ValueMatcher& m, const CellValue& actual, const CellValue& other) {
  const std::string expected = "the same as case '" + m.other_case + "' field '" + m.other_field + "' (" +
                               DescribeCell(other) + ")";
  if (!other.present || !actual.present) return expected;
  if (actual.text == other.text) return std::nullopt;
  return expected;
}

std::optional<std::string> MismatchNotSameAs(const ValueMatcher& m, const CellValue& actual,
                                             const CellValue& other) {
  if (IsValue(actual) && other.present && actual.text != other.text) return std::nullopt;
  return "a value other than case '" + m.other_case + "' field '" + m.other_field + "' (" + DescribeCell(other) +
         ")";
}

std::optional<std::string> MismatchAbsent(const ValueMatcher& m, const CellValue& actual) {
  if (actual.present != m.flag) return std::nullopt;
  return m.flag ? "no such column" : "the column to be there";
}

}  // namespace

const char* MatchKindName(MatchKind kind) {
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

std::optional<std::string> RegexProblem(const std::string& pattern) {
  try {
    std::regex compiled(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return std::string("not a valid regular expression: ") + e.what();
  }
  return std::nullopt;
}

std::optional<std::string> Mismatch(const ValueMatcher& matcher, const CellValue& actual, const CellValue& other) {
  switch (matcher.kind) {
    case MatchKind::kEquals: return MismatchEquals(matcher, actual);
    case MatchKind::kNotEquals: return MismatchNotEquals(matcher, actual);
    case MatchKind::kRegex: return MismatchRegex(matcher, actual);
    case MatchKind::kIsNull: return MismatchIsNull(matcher, actual);
    case MatchKind::kSameAs: return MismatchSameAs(matcher, actual, other);
    case MatchKind::kNotSameAs: return MismatchNotSameAs(matcher, actual, other);
    case MatchKind::kAbsent: return MismatchAbsent(matcher, actual);
  }
  return "an unknown matcher";
}

bool SplitSameAs(ValueMatcher* m) {
  const size_t dot = m->operand.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == m->operand.size()) return false;
  std::string case_name = m->operand.substr(0, dot);
  m->other_field = m->operand.substr(dot + 1);
  m->other_row.reset();
  // A trailing [N] names the row.
  const size_t open = case_name.rfind('[');
  if (case_name.back() == ']' && open != std::string::npos && open > 0) {
    const std::string digits = case_name.substr(open + 1, case_name.size() - open - 2);
    if (!digits.empty() && digits.size() < 10 && digits.find_first_not_of("0123456789") == std::string::npos) {
      m->other_row = static_cast<size_t>(std::stoul(digits));
      case_name.resize(open);
    }
  }
  m->other_case = std::move(case_name);
  return true;
}

std::string DescribeCell(const CellValue& value) {
  if (!value.present) return "no such column";
  if (!value.text) return "null";
  return Quoted(*value.text);
}

}  // namespace sluice::core
