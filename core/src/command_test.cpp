// `sluice test`: the cases of one or more test files run through the
// pipeline's real transforms, without its source or sinks.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "commands.h"
#include "pipeline.h"
#include "test_report.h"
#include "test_runner.h"
#include "test_spec.h"

namespace sluice::core {
namespace {

// The test file's `env`, set while its cases run and put back afterwards,
// so one test file's variables never leak into the next.
class ScopedTestEnv {
 public:
  explicit ScopedTestEnv(const std::vector<std::pair<std::string, std::string>>& env) {
    for (const auto& [name, value] : env) {
      const char* before = std::getenv(name.c_str());
      saved_.emplace_back(name, before ? std::optional<std::string>(before) : std::nullopt);
      ::setenv(name.c_str(), value.c_str(), 1);
    }
  }
  ~ScopedTestEnv() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
      if (it->second)
        ::setenv(it->first.c_str(), it->second->c_str(), 1);
      else
        ::unsetenv(it->first.c_str());
    }
  }
  ScopedTestEnv(const ScopedTestEnv&) = delete;
  ScopedTestEnv& operator=(const ScopedTestEnv&) = delete;

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

// PIPELINE.yaml -> PIPELINE.test.yaml beside it.
std::string default_test_file(const std::string& pipeline) {
  std::filesystem::path path(pipeline);
  return (path.parent_path() / (path.stem().string() + ".test.yaml")).string();
}

Result<std::vector<std::string>> test_files_of(const TestCommand& command) {
  if (!command.tests.empty()) return command.tests;
  const std::string beside = default_test_file(command.pipeline);
  std::error_code ignored;
  if (!std::filesystem::exists(beside, ignored)) {
    return usage_error("no test file given and none beside the pipeline (" + beside + ")");
  }
  return std::vector<std::string>{beside};
}

// Loads the pipeline under the test file's environment and creates its
// transforms; nothing else of the pipeline is created.
Result<FileOutcome> run_one_file(const GlobalOptions& global, const std::string& pipeline,
                                 const TestFile& file, std::string* pipeline_name) {
  ScopedTestEnv env(file.env);
  SLUICE_ASSIGN_OR_RETURN(PipelineSpec spec, load_pipeline(pipeline, {}));
  *pipeline_name = spec.name;
  std::vector<WantedPlugin> wanted;
  for (const StepSpec& t : spec.transforms) wanted.push_back({t.plugin, t.kind});
  PluginCatalog catalog = load_catalog(global, &wanted);
  SLUICE_ASSIGN_OR_RETURN(Transforms transforms, create_transforms(spec, catalog));
  SLUICE_ASSIGN_OR_RETURN(std::vector<CaseOutcome> cases, run_test_file(file, transforms));
  return FileOutcome{file.path, std::move(cases)};
}

}  // namespace

Status test(const GlobalOptions& global, const TestCommand& command) {
  SLUICE_ASSIGN_OR_RETURN(std::vector<std::string> paths, test_files_of(command));
  // Every file is read before any runs: a typo in the last one fails at once.
  std::vector<TestFile> files;
  for (const std::string& path : paths) {
    SLUICE_ASSIGN_OR_RETURN(TestFile file, load_test_file(path));
    files.push_back(std::move(file));
  }
  std::vector<FileOutcome> outcomes;
  std::string pipeline_name;
  bool all_passed = true;
  for (const TestFile& file : files) {
    SLUICE_ASSIGN_OR_RETURN(FileOutcome outcome,
                            run_one_file(global, command.pipeline, file, &pipeline_name));
    std::cout << file.path << ":\n";
    for (const CaseOutcome& c : outcome.cases) {
      print_case(std::cout, c);
      all_passed = all_passed && c.passed();
    }
    outcomes.push_back(std::move(outcome));
  }
  std::cout << summary(outcomes) << std::endl;
  if (!command.junit.empty()) SLUICE_TRY(write_j_unit(command.junit, pipeline_name, outcomes));
  if (!all_passed) return runtime_error("some test cases failed");
  return Status();
}

}  // namespace sluice::core
