// The matchers of `sluice test`: what an expected output value may say
// (`equals`, `not_equals`, `regex`, `is_null`, `same_as`, `not_same_as`,
// `absent`) and
// whether an actual value meets it. Values are compared as text, the way
// the test file writes them (test_values.h renders output columns).
#pragma once

#include <optional>
#include <string>

namespace sluice::core {

// One field of one output row: absent (no such column), null, or a value.
struct CellValue {
  bool present = false;
  std::optional<std::string> text;  // nullopt: null

  static CellValue absent() { return {}; }
  static CellValue null() { return {true, std::nullopt}; }
  static CellValue of(std::string value) { return {true, std::move(value)}; }
};

enum class MatchKind { kEquals, kNotEquals, kRegex, kIsNull, kSameAs, kNotSameAs, kAbsent };

struct ValueMatcher {
  MatchKind kind = MatchKind::kEquals;
  std::string operand;  // the value, the pattern, or "CASE[ROW].FIELD" for (not_)same_as
  bool flag = true;     // is_null / absent: true or false
  // (not_)same_as: the case, row and field it names; no row: the same
  // row number as the field being checked.
  std::string other_case;
  std::optional<size_t> other_row;
  std::string other_field;
};

// Splits a (not_)same_as operand "CASE.FIELD" or "CASE[ROW].FIELD" (the
// field after the last '.') into `m`; false when it is not of that form.
bool split_same_as(ValueMatcher* m);

// The matcher's key in the test file ("equals", ...).
const char* match_kind_name(MatchKind kind);

// Whether `pattern` is a valid regular expression (ECMAScript); the
// reason when it is not.
std::optional<std::string> regex_problem(const std::string& pattern);

// nullopt when `actual` meets `matcher`; otherwise what was expected, in
// words ("2003000", "null", "a value matching '^[0-9a-f]{64}$'"). `other`
// is the value same_as compares with (Absent when that case has no such
// row or field).
std::optional<std::string> mismatch(const ValueMatcher& matcher, const CellValue& actual,
                                    const CellValue& other);

// "'text'", "null" or "no such column": a value as a failure message shows it.
std::string describe_cell(const CellValue& value);

}  // namespace sluice::core
