#include "env_expand.h"

#include <gtest/gtest.h>

#include <map>

namespace sluice::core {
namespace {

EnvLookup fake_env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ExpandVariables, ReplacesSetVariables) {
  auto r = expand_variables("postgresql://${USER}@${HOST}/db", fake_env({{"USER", "me"}, {"HOST", "h"}}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "postgresql://me@h/db");
}

TEST(ExpandVariables, UsesDefaultWhenUnsetOrEmpty) {
  EXPECT_EQ(*expand_variables("${A:-x}", fake_env({})), "x");
  EXPECT_EQ(*expand_variables("${A:-x}", fake_env({{"A", ""}})), "x");
  EXPECT_EQ(*expand_variables("${A:-x}", fake_env({{"A", "set"}})), "set");
  EXPECT_EQ(*expand_variables("${A:-}", fake_env({})), "");
}

TEST(ExpandVariables, UnsetWithoutDefaultNamesTheVariable) {
  auto r = expand_variables("${SQS_QUEUE_URL}", fake_env({}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("SQS_QUEUE_URL"), std::string::npos);
}

TEST(ExpandVariables, DoubleDollarIsLiteral) {
  EXPECT_EQ(*expand_variables("$${HOME} costs $5", fake_env({})), "${HOME} costs $5");
}

TEST(ExpandVariables, IsNotRecursive) {
  EXPECT_EQ(*expand_variables("${A}", fake_env({{"A", "${B}"}})), "${B}");
}

TEST(ExpandVariables, RejectsMalformedReferences) {
  EXPECT_FALSE(expand_variables("${unterminated", fake_env({})).ok());
  EXPECT_FALSE(expand_variables("${1BAD}", fake_env({})).ok());
  EXPECT_FALSE(expand_variables("${}", fake_env({})).ok());
}

}  // namespace
}  // namespace sluice::core
