#include "value_matcher.h"

#include <gtest/gtest.h>

namespace sluice::core {
namespace {

ValueMatcher Make(MatchKind kind, std::string operand = "", bool flag = true) {
  ValueMatcher m;
  m.kind = kind;
  m.operand = std::move(operand);
  m.flag = flag;
  if (kind == MatchKind::kSameAs || kind == MatchKind::kNotSameAs) {
    EXPECT_TRUE(SplitSameAs(&m));
  }
  return m;
}

bool Holds(const ValueMatcher& m, const CellValue& actual, const CellValue& other = CellValue::Absent()) {
  return !Mismatch(m, actual, other).has_value();
}

TEST(ValueMatcher, EqualsComparesText) {
  const ValueMatcher m = Make(MatchKind::kEquals, "2003000");
  EXPECT_TRUE(Holds(m, CellValue::Of("2003000")));
  EXPECT_FALSE(Holds(m, CellValue::Of("2003001")));
  EXPECT_FALSE(Holds(m, CellValue::Null()));
  EXPECT_FALSE(Holds(m, CellValue::Absent()));
  EXPECT_EQ(*Mismatch(m, CellValue::Of("1"), CellValue::Absent()), "'2003000'");
}

TEST(ValueMatcher, NotEqualsNeedsAnotherValue) {
  const ValueMatcher m = Make(MatchKind::kNotEquals, "10.0.0.1");
  EXPECT_TRUE(Holds(m, CellValue::Of("5f2a")));
  EXPECT_FALSE(Holds(m, CellValue::Of("10.0.0.1")));
  EXPECT_FALSE(Holds(m, CellValue::Null()));  // a null is no masked value
}

TEST(ValueMatcher, RegexSearchesTheValue) {
  const ValueMatcher m = Make(MatchKind::kRegex, "^[0-9a-f]{64}$");
  EXPECT_TRUE(Holds(m, CellValue::Of(std::string(64, 'a'))));
  EXPECT_FALSE(Holds(m, CellValue::Of(std::string(63, 'a'))));
  EXPECT_FALSE(Holds(m, CellValue::Null()));
  EXPECT_TRUE(Holds(Make(MatchKind::kRegex, "ios"), CellValue::Of("an ios device")));
}

TEST(ValueMatcher, RegexProblemExplainsBadPatterns) {
  EXPECT_FALSE(RegexProblem("^[0-9]+$").has_value());
  ASSERT_TRUE(RegexProblem("([").has_value());
  EXPECT_NE(RegexProblem("([")->find("not a valid regular expression"), std::string::npos);
}

TEST(ValueMatcher, IsNullTellsNullFromMissing) {
  EXPECT_TRUE(Holds(Make(MatchKind::kIsNull), CellValue::Null()));
  EXPECT_FALSE(Holds(Make(MatchKind::kIsNull), CellValue::Of("")));
  EXPECT_FALSE(Holds(Make(MatchKind::kIsNull), CellValue::Absent()));
  EXPECT_TRUE(Holds(Make(MatchKind::kIsNull, "", false), CellValue::Of("RU")));
  EXPECT_FALSE(Holds(Make(MatchKind::kIsNull, "", false), CellValue::Null()));
}

TEST(ValueMatcher, AbsentChecksTheColumnIsGone) {
  EXPECT_TRUE(Holds(Make(MatchKind::kAbsent), CellValue::Absent()));
  EXPECT_FALSE(Holds(Make(MatchKind::kAbsent), CellValue::Null()));
  EXPECT_TRUE(Holds(Make(MatchKind::kAbsent, "", false), CellValue::Null()));
}

TEST(ValueMatcher, SameAsComparesWithTheOtherValue) {
  const ValueMatcher m = Make(MatchKind::kSameAs, "first login.masked_ip");
  EXPECT_EQ(m.other_case, "first login");
  EXPECT_EQ(m.other_field, "masked_ip");
  EXPECT_FALSE(m.other_row.has_value());
  EXPECT_TRUE(Holds(m, CellValue::Of("ab"), CellValue::Of("ab")));
  EXPECT_TRUE(Holds(m, CellValue::Null(), CellValue::Null()));
  EXPECT_FALSE(Holds(m, CellValue::Of("ab"), CellValue::Of("cd")));
  EXPECT_FALSE(Holds(m, CellValue::Absent(), CellValue::Absent()));  // nothing to compare is no proof
  EXPECT_EQ(*Mismatch(m, CellValue::Of("ab"), CellValue::Of("cd")),
            "the same as case 'first login' field 'masked_ip' ('cd')");
}

TEST(ValueMatcher, NotSameAsNeedsTwoDifferentValues) {
  const ValueMatcher m = Make(MatchKind::kNotSameAs, "first login.masked_ip");
  EXPECT_TRUE(Holds(m, CellValue::Of("ab"), CellValue::Of("cd")));
  EXPECT_FALSE(Holds(m, CellValue::Of("ab"), CellValue::Of("ab")));
  EXPECT_FALSE(Holds(m, CellValue::Of("ab"), CellValue::Absent()));
}

TEST(ValueMatcher, SplitSameAsReadsRowsAndDots) {
  ValueMatcher m;
  m.operand = "v2.3 logins[1].masked_ip";
  ASSERT_TRUE(SplitSameAs(&m));
  EXPECT_EQ(m.other_case, "v2.3 logins");
  EXPECT_EQ(m.other_row, 1u);
  EXPECT_EQ(m.other_field, "masked_ip");
  for (const char* bad : {"no_dot", ".field", "case."}) {
    m.operand = bad;
    EXPECT_FALSE(SplitSameAs(&m)) << bad;
  }
}

TEST(ValueMatcher, DescribeCellShowsAllThreeStates) {
  EXPECT_EQ(DescribeCell(CellValue::Of("x")), "'x'");
  EXPECT_EQ(DescribeCell(CellValue::Null()), "null");
  EXPECT_EQ(DescribeCell(CellValue::Absent()), "no such column");
}

}  // namespace
}  // namespace sluice::core
