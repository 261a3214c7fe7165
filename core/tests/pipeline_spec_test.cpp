#include "pipeline_spec.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "sluice/plugin.h"

namespace sluice::core {
namespace {

// The pipeline files the tests write, removed when the test program exits.
class ScratchFiles {
 public:
  ~ScratchFiles() {
    for (const auto& path : paths_) std::filesystem::remove(path);
  }
  std::string write(const std::string& text) {
    auto path = std::filesystem::temp_directory_path() / ("sluice_spec_test_" + std::to_string(getpid()) +
                                                          "_" + std::to_string(paths_.size()) + ".yaml");
    std::ofstream(path) << text;
    paths_.push_back(path);
    return path.string();
  }

 private:
  std::vector<std::filesystem::path> paths_;
};

std::string write_file(const std::string& text) {
  static ScratchFiles files;
  return files.write(text);
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
  auto spec = load_pipeline(write_file(kMinimal), {});
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
  auto spec = load_pipeline(write_file(kMinimal), {"transforms.parse.plugin=fpe", "sink.path=x.ndjson"});
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->transforms[0].plugin, "fpe");
  EXPECT_EQ(spec->sink.options["path"].Scalar(), "x.ndjson");
}

TEST(LoadPipeline, AFileOverOneMebibyteIsRefusedBeforeParsing) {
  // Valid YAML all along: only its size is wrong.
  std::string big(kMinimal);
  big += "# padding\n";
  while (big.size() <= (1u << 20)) big += "#" + std::string(1000, 'x') + "\n";
  auto spec = load_pipeline(write_file(big), {});
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(kind_of(spec.status()), ErrorKind::kConfig);
  EXPECT_NE(spec.status().message().find("larger than 1048576 bytes (1 MiB)"), std::string::npos)
      << spec.status().message();
  // Just under the limit still loads.
  std::string fits(kMinimal);
  fits += "#" + std::string((1u << 20) - fits.size() - 3, 'x') + "\n";
  EXPECT_TRUE(load_pipeline(write_file(fits), {}).ok());
}

TEST(LoadPipeline, UnknownTopLevelKeyHasPositionAndSuggestion) {
  auto spec = load_pipeline(write_file(std::string(kMinimal) + "dead_leter:\n  plugin: file\n"), {});
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(exit_code(spec.status()), 2);
  EXPECT_NE(spec.status().message().find(
                ":14:1: dead_leter: unknown key 'dead_leter'; did you mean 'dead_letter'?"),
            std::string::npos)
      << spec.status().message();
}

TEST(LoadPipeline, UnsetVariableIsAnErrorAtItsPosition) {
  std::string text = kMinimal;
  text.replace(text.find("${SLUICE_TEST_OUT:-out.ndjson}"), 30, "${SLUICE_SURELY_UNSET_VAR}");
  auto spec = load_pipeline(write_file(text), {});
  ASSERT_FALSE(spec.ok());
  EXPECT_NE(spec.status().message().find(":13:9: sink.path: environment variable SLUICE_SURELY_UNSET_VAR"),
            std::string::npos)
      << spec.status().message();
}

TEST(LoadPipeline, BadYamlGivesLineAndColumn) {
  auto spec = load_pipeline(write_file("version: 1\nsource: [unclosed\n"), {});
  ASSERT_FALSE(spec.ok());
  EXPECT_NE(spec.status().message().find("invalid YAML"), std::string::npos);
  EXPECT_NE(spec.status().message().find(".yaml:"), std::string::npos);
}

TEST(LoadPipeline, DuplicateStepNames) {
  std::string text = std::string(kMinimal);
  text.replace(text.find("  - plugin: fields"), 18, "  - plugin: fields\n    name: parse");
  auto spec = load_pipeline(write_file(text), {});
  ASSERT_FALSE(spec.ok());
  EXPECT_NE(spec.status().message().find("used twice"), std::string::npos);
}

// Found by fuzz/pipeline_spec_fuzzer: each of these aborted or crashed sluice.
TEST(LoadPipeline, SetThroughAValueIsAUsageError) {
  auto spec = load_pipeline(write_file(kMinimal), {"sink.path.x=1"});
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(exit_code(spec.status()), 2);
  EXPECT_NE(spec.status().message().find("'sink.path' is a value"), std::string::npos)
      << spec.status().message();
}

TEST(LoadPipeline, SetWithAnIndexBeyondAnyNumberFindsNoTransform) {
  auto spec = load_pipeline(write_file(kMinimal), {"transforms.99999999999999999999999.plugin=x"});
  ASSERT_FALSE(spec.ok());
  EXPECT_NE(spec.status().message().find("no transform '99999999999999999999999'"), std::string::npos)
      << spec.status().message();
}

TEST(LoadPipeline, SetByStepNameSkipsTransformsThatAreNotMappings) {
  std::string text = kMinimal;
  text.replace(text.find("  - plugin: fields\n"), 19, "  - plugin: fields\n  - not_a_step\n");
  auto spec = load_pipeline(write_file(text), {"transforms.fields.plugin=json"});
  ASSERT_FALSE(spec.ok());
  EXPECT_NE(spec.status().message().find("transforms[2]: expected object"), std::string::npos)
      << spec.status().message();
}

TEST(LoadPipeline, AliasOfItsOwnAncestorIsAConfigError) {
  auto spec = load_pipeline(
      write_file("version: 1\nsource: &a {plugin: file, path: *a}\nsink: {plugin: file}\n"), {});
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(exit_code(spec.status()), 2);
  EXPECT_NE(spec.status().message().find("nests deeper"), std::string::npos) << spec.status().message();
}

TEST(LoadPipeline, AliasesStandingForMillionsOfValuesAreAConfigError) {
  std::string text =
      "version: 1\nsource: {plugin: file}\nsink: {plugin: file}\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level <= 6; ++level) {
    std::string alias = "*l" + std::to_string(level - 1);
    text += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [" + alias;
    for (int i = 1; i < 10; ++i) text += ", " + alias;
    text += "]\n";
  }
  auto spec = load_pipeline(write_file(text), {});
  ASSERT_FALSE(spec.ok());
  EXPECT_NE(spec.status().message().find("aliases expand"), std::string::npos) << spec.status().message();
}

TEST(LoadPipeline, TextThatIsNotUtf8IsAConfigErrorAtItsPosition) {
  auto spec = load_pipeline(
      write_file("version: 1\nsource: {plugin: file, path: \"in\xff\"}\nsink: {plugin: file}\n"), {});
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(exit_code(spec.status()), 2);
  EXPECT_NE(spec.status().message().find(":2:30: source.path: is not valid UTF-8"), std::string::npos)
      << spec.status().message();
  spec = load_pipeline(
      write_file("version: 1\nsource: {plugin: file, \"p\xc3\":  x}\nsink: {plugin: file}\n"), {});
  ASSERT_FALSE(spec.ok());
  EXPECT_NE(spec.status().message().find("source: a key is not valid UTF-8"), std::string::npos)
      << spec.status().message();
}

}  // namespace
}  // namespace sluice::core
