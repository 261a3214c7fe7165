#include "pipeline_spec.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "sluice/plugin.h"

namespace sluice::core {
namespace {

std::string WriteFile(const std::string& text) {
  static int n = 0;
  auto path = std::filesystem::temp_directory_path() /
              ("sluice_spec_test_" + std::to_string(getpid()) + "_" + std::to_string(n++) + ".yaml");
  std::ofstream(path) << text;
  return path.string();
}

constexpr const char* kMinimal = R"(version: 1
name: demo
source:
  plugin: file
  path: in.ndjson
transforms:
  - name: parse
    plugin: json
    fields: {ip: string}
  - plugin: fields
sink:
  plugin: file
  path: ${SLUICE_TEST_OUT:-out.ndjson}
)";

TEST(LoadPipeline, ReadsStepsWithDefaultNames) {
  auto spec = LoadPipeline(WriteFile(kMinimal), {});
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->name, "demo");
  EXPECT_EQ(spec->source.plugin, "file");
  EXPECT_EQ(spec->source.kind, SLUICE_KIND_SOURCE);
  ASSERT_EQ(spec->transforms.size(), 2u);
  EXPECT_EQ(spec->transforms[0].name, "parse");
  EXPECT_EQ(spec->transforms[1].name, "fields");
  EXPECT_EQ(spec->sink.options["path"].Scalar(), "out.ndjson");
  EXPECT_FALSE(spec->transforms[0].options["plugin"]);
}

TEST(LoadPipeline, SetOverridesByStepName) {
  auto spec = LoadPipeline(WriteFile(kMinimal), {"transforms.parse.plugin=fpe", "sink.path=x.ndjson"});
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->transforms[0].plugin, "fpe");
  EXPECT_EQ(spec->sink.options["path"].Scalar(), "x.ndjson");
}

TEST(LoadPipeline, UnknownTopLevelKeyHasPositionAndSuggestion) {
  auto spec = LoadPipeline(WriteFile(std::string(kMinimal) + "dead_leter:\n  plugin: file\n"), {});
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.status().exit_code(), 2);
  EXPECT_NE(spec.status().message().find(":14:1: dead_leter: unknown key 'dead_leter'; did you mean 'dead_letter'?"),
            std::string::npos)
      << spec.status().message();
}

TEST(LoadPipeline, UnsetVariableIsAnErrorAtItsPosition) {
  std::string text = kMinimal;
  text.replace(text.find("${SLUICE_TEST_OUT:-out.ndjson}"), 30, "${SLUICE_SURELY_UNSET_VAR}");
  auto spec = LoadPipeline(WriteFile(text), {});
  ASSERT_FALSE(spec.ok());
  EXPECT_NE(spec.status().message().find(":13:9: sink.path: environment variable SLUICE_SURELY_UNSET_VAR"),
            std::string::npos)
      << spec.status().message();
}

TEST(LoadPipeline, BadYamlGivesLineAndColumn) {
  auto spec = LoadPipeline(WriteFile("version: 1\nsource: [unclosed\n"), {});
  ASSERT_FALSE(spec.ok());
  EXPECT_NE(spec.status().message().find("invalid YAML"), std::string::npos);
  EXPECT_NE(spec.status().message().find(".yaml:"), std::string::npos);
}

TEST(LoadPipeline, DuplicateStepNames) {
  std::string text = std::string(kMinimal);
  text.replace(text.find("  - plugin: fields"), 18, "  - plugin: fields\n    name: parse");
  auto spec = LoadPipeline(WriteFile(text), {});
  ASSERT_FALSE(spec.ok());
  EXPECT_NE(spec.status().message().find("used twice"), std::string::npos);
}

}  // namespace
}  // namespace sluice::core
