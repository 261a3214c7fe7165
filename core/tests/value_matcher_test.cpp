#include "value_matcher.h"

#include <gtest/gtest.h>

namespace sluice::core {
namespace {

ValueMatcher make(MatchKind kind, std::string operand = "", bool flag = true) {
  ValueMatcher m;
  m.kind = kind;
  m.operand = std::move(operand);
  m.flag = flag;
  if (kind == MatchKind::kSameAs || kind == MatchKind::kNotSameAs) {
    EXPECT_TRUE(split_same_as(&m));
  }
  return m;
}

bool holds(const ValueMatcher& m, const CellValue& actual, const CellValue& other = CellValue::absent()) {
  return !mismatch(m, actual, other).has_value();
}

TEST(ValueMatcher, EqualsComparesText) {
  const ValueMatcher m = make(MatchKind::kEquals, "2003000");
  EXPECT_TRUE(holds(m, CellValue::of("2003000")));
  EXPECT_FALSE(holds(m, CellValue::of("2003001")));
  EXPECT_FALSE(holds(m, CellValue::null()));
  EXPECT_FALSE(holds(m, CellValue::absent()));
  EXPECT_EQ(*mismatch(m, CellValue::of("1"), CellValue::absent()), "'2003000'");
}

TEST(ValueMatcher, NotEqualsNeedsAnotherValue) {
  const ValueMatcher m = make(MatchKind::kNotEquals, "10.0.0.1");
  EXPECT_TRUE(holds(m, CellValue::of("5f2a")));
  EXPECT_FALSE(holds(m, CellValue::of("10.0.0.1")));
  EXPECT_FALSE(holds(m, CellValue::null()));  // a null is no masked value
}

TEST(ValueMatcher, RegexSearchesTheValue) {
  const ValueMatcher m = make(MatchKind::kRegex, "^[0-9a-f]{64}$");
  EXPECT_TRUE(holds(m, CellValue::of(std::string(64, 'a'))));
  EXPECT_FALSE(holds(m, CellValue::of(std::string(63, 'a'))));
  EXPECT_FALSE(holds(m, CellValue::null()));
  EXPECT_TRUE(holds(make(MatchKind::kRegex, "ios"), CellValue::of("an ios device")));
}

TEST(ValueMatcher, RegexProblemExplainsBadPatterns) {
  EXPECT_FALSE(regex_problem("^[0-9]+$").has_value());
  ASSERT_TRUE(regex_problem("([").has_value());
  EXPECT_NE(regex_problem("([")->find("not a valid regular expression"), std::string::npos);
}

TEST(ValueMatcher, IsNullTellsNullFromMissing) {
  EXPECT_TRUE(holds(make(MatchKind::kIsNull), CellValue::null()));
  EXPECT_FALSE(holds(make(MatchKind::kIsNull), CellValue::of("")));
  EXPECT_FALSE(holds(make(MatchKind::kIsNull), CellValue::absent()));
  EXPECT_TRUE(holds(make(MatchKind::kIsNull, "", false), CellValue::of("RU")));
  EXPECT_FALSE(holds(make(MatchKind::kIsNull, "", false), CellValue::null()));
}

TEST(ValueMatcher, AbsentChecksTheColumnIsGone) {
  EXPECT_TRUE(holds(make(MatchKind::kAbsent), CellValue::absent()));
  EXPECT_FALSE(holds(make(MatchKind::kAbsent), CellValue::null()));
  EXPECT_TRUE(holds(make(MatchKind::kAbsent, "", false), CellValue::null()));
}

TEST(ValueMatcher, SameAsComparesWithTheOtherValue) {
  const ValueMatcher m = make(MatchKind::kSameAs, "first login.masked_ip");
  EXPECT_EQ(m.other_case, "first login");
  EXPECT_EQ(m.other_field, "masked_ip");
  EXPECT_FALSE(m.other_row.has_value());
  EXPECT_TRUE(holds(m, CellValue::of("ab"), CellValue::of("ab")));
  EXPECT_TRUE(holds(m, CellValue::null(), CellValue::null()));
  EXPECT_FALSE(holds(m, CellValue::of("ab"), CellValue::of("cd")));
  EXPECT_FALSE(holds(m, CellValue::absent(), CellValue::absent()));  // nothing to compare is no proof
  EXPECT_EQ(*mismatch(m, CellValue::of("ab"), CellValue::of("cd")),
            "the same as case 'first login' field 'masked_ip' ('cd')");
}

TEST(ValueMatcher, NotSameAsNeedsTwoDifferentValues) {
  const ValueMatcher m = make(MatchKind::kNotSameAs, "first login.masked_ip");
  EXPECT_TRUE(holds(m, CellValue::of("ab"), CellValue::of("cd")));
  EXPECT_FALSE(holds(m, CellValue::of("ab"), CellValue::of("ab")));
  EXPECT_FALSE(holds(m, CellValue::of("ab"), CellValue::absent()));
}

TEST(ValueMatcher, SplitSameAsReadsRowsAndDots) {
  ValueMatcher m;
  m.operand = "v2.3 logins[1].masked_ip";
  ASSERT_TRUE(split_same_as(&m));
  EXPECT_EQ(m.other_case, "v2.3 logins");
  EXPECT_EQ(m.other_row, 1u);
  EXPECT_EQ(m.other_field, "masked_ip");
  for (const char* bad : {"no_dot", ".field", "case."}) {
    m.operand = bad;
    EXPECT_FALSE(split_same_as(&m)) << bad;
  }
}

TEST(ValueMatcher, DescribeCellShowsAllThreeStates) {
  EXPECT_EQ(describe_cell(CellValue::of("x")), "'x'");
  EXPECT_EQ(describe_cell(CellValue::null()), "null");
  EXPECT_EQ(describe_cell(CellValue::absent()), "no such column");
}

}  // namespace
}  // namespace sluice::core
