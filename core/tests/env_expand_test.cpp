#include "env_expand.h"

#include <gtest/gtest.h>

#include <map>

namespace sluice::core {
namespace {

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ExpandVariables, ReplacesSetVariables) {
  auto r = ExpandVariables("postgresql://${USER}@${HOST}/db", FakeEnv({{"USER", "me"}, {"HOST", "h"}}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "postgresql://me@h/db");
}

TEST(ExpandVariables, UsesDefaultWhenUnsetOrEmpty) {
  EXPECT_EQ(*ExpandVariables("${A:-x}", FakeEnv({})), "x");
  EXPECT_EQ(*ExpandVariables("${A:-x}", FakeEnv({{"A", ""}})), "x");
  EXPECT_EQ(*ExpandVariables("${A:-x}", FakeEnv({{"A", "set"}})), "set");
  EXPECT_EQ(*ExpandVariables("${A:-}", FakeEnv({})), "");
}

TEST(ExpandVariables, UnsetWithoutDefaultNamesTheVariable) {
  auto r = ExpandVariables("${SQS_QUEUE_URL}", FakeEnv({}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("SQS_QUEUE_URL"), std::string::npos);
}

TEST(ExpandVariables, DoubleDollarIsLiteral) {
  EXPECT_EQ(*ExpandVariables("$${HOME} costs $5", FakeEnv({})), "${HOME} costs $5");
}

TEST(ExpandVariables, IsNotRecursive) {
  EXPECT_EQ(*ExpandVariables("${A}", FakeEnv({{"A", "${B}"}})), "${B}");
}

TEST(ExpandVariables, RejectsMalformedReferences) {
  EXPECT_FALSE(ExpandVariables("${unterminated", FakeEnv({})).ok());
  EXPECT_FALSE(ExpandVariables("${1BAD}", FakeEnv({})).ok());
  EXPECT_FALSE(ExpandVariables("${}", FakeEnv({})).ok());
}

}  // namespace
}  // namespace sluice::core
