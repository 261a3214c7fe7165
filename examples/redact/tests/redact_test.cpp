// Unit tests of the redact transform, called directly: a plugin's logic needs
// no host. sluice::Rejector records what a transform rejects or drops.
#include "redact.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

using Values = std::vector<std::optional<std::string>>;

sluice::OwnedBatch BatchOf(const std::string& column, const Values& values) {
  sluice::Utf8Builder builder;
  for (const auto& value : values) {
    if (value) builder.append(*value);
    else builder.append_null();
  }
  return sluice::BatchBuilder(static_cast<int64_t>(values.size())).add(column, builder).finish();
}

Values ColumnOf(const sluice::OwnedBatch& batch, const std::string& column) {
  const sluice::ColumnView view = batch.column(column).view();
  Values out;
  for (int64_t row = 0; row < view.length(); ++row) {
    if (view.is_null(row)) out.push_back(std::nullopt);
    else out.emplace_back(std::string(view.string(row)));
  }
  return out;
}

Values Redacted(const std::string& config_json, const Values& values) {
  Redact redact(sluice::Config::parse(config_json));
  sluice::Rejector rejects(static_cast<int64_t>(values.size()));
  sluice::OwnedBatch out = redact.process(BatchOf("note", values), rejects);
  EXPECT_EQ(rejects.removed_count(), 0);
  return ColumnOf(out, "note");
}

TEST(Redact, ReplacesEveryMatchAndKeepsTheRest) {
  EXPECT_EQ(Redacted(R"({"field": "note", "pattern": "[0-9]{4}"})",
                     {"card 1234 5678", "no digits", std::nullopt, ""}),
            (Values{"card [REDACTED] [REDACTED]", "no digits", std::nullopt, ""}));
}

TEST(Redact, ReplacementMayUseGroups) {
  EXPECT_EQ(Redacted(R"({"field": "note", "pattern": "([a-z]+)@[a-z.]+", "replacement": "$1@..."})",
                     {"mail ann@example.com"}),
            (Values{"mail ann@..."}));
}

TEST(Redact, IgnoreCaseIsAnOption) {
  EXPECT_EQ(Redacted(R"({"field": "note", "pattern": "secret", "ignore_case": true})", {"SeCrEt plan"}),
            (Values{"[REDACTED] plan"}));
}

TEST(Redact, AnInvalidPatternIsAConfigurationError) {
  try {
    Redact redact(sluice::Config::parse(R"({"field": "note", "pattern": "(unclosed"})"));
    FAIL() << "expected a ConfigError";
  } catch (const sluice::ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("option 'pattern'"), std::string::npos) << error.what();
  }
}

TEST(Redact, AMissingColumnFailsTheBatchNamingIt) {
  Redact redact(sluice::Config::parse(R"({"field": "note", "pattern": "x"})"));
  sluice::Rejector rejects(1);
  try {
    redact.process(BatchOf("body", {"x"}), rejects);
    FAIL() << "expected a ConfigError";
  } catch (const sluice::ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("'note'"), std::string::npos) << error.what();
  }
}

TEST(Redact, ANonStringColumnFailsTheBatchNamingIt) {
  sluice::Int64Builder numbers;
  numbers.append(7);
  sluice::OwnedBatch batch = sluice::BatchBuilder(1).add("note", numbers).finish();
  Redact redact(sluice::Config::parse(R"({"field": "note", "pattern": "7"})"));
  sluice::Rejector rejects(1);
  EXPECT_THROW(redact.process(std::move(batch), rejects), sluice::ConfigError);
}

}  // namespace
