// Fuzzes the pipeline loader (core/src/pipeline_spec, config_schema,
// env_expand): the input up to its first NUL byte is a pipeline file, each
// NUL-separated piece after it one `--set KEY=VALUE`. Steps naming a std
// plugin are then typed against that plugin's real schema, as the host
// does before creating a step, and the json and fields transforms are
// built from the configuration that passed, as `sluice run` does. The loader
// promises a Result: throwing, crashing, or failing without saying why is a
// finding.
#include "config_schema.h"
#include "fields_transform.h"
#include "file_sink.h"
#include "file_source.h"
#include "fuzz_support.h"
#include "json_transform.h"
#include "pipeline_spec.h"

#include <sys/mman.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace {

using sluice::core::ConfigJson;
using sluice::core::PipelineSpec;
using sluice::core::StepSpec;

constexpr size_t kMaxOverrides = 4;

// LoadPipeline reads a path; an in-memory file spares the disk.
class PipelineFile {
 public:
  PipelineFile() : fd_(memfd_create("pipeline.yaml", 0)), path_("/proc/self/fd/" + std::to_string(fd_)) {
    FUZZ_CHECK(fd_ >= 0);
  }
  const std::string& write(std::string_view text) {
    FUZZ_CHECK(ftruncate(fd_, 0) == 0);
    FUZZ_CHECK(pwrite(fd_, text.data(), text.size(), 0) == static_cast<ssize_t>(text.size()));
    return path_;
  }

 private:
  int fd_;
  std::string path_;
};

template <class Plugin>
sluice_plugin descriptor_of(int32_t kind) {
  sluice_plugin plugin{};
  plugin.struct_size = sizeof plugin;
  plugin.kind = kind;
  plugin.name = Plugin::info.name;
  plugin.config_schema = Plugin::info.config_schema;
  return plugin;
}

// The std plugins as the catalog would list them (only the schema matters here).
const sluice_plugin* find_std_plugin(const StepSpec& step) {
  static const sluice_plugin plugins[] = {
      descriptor_of<sluice::standard::FileSource>(SLUICE_KIND_SOURCE),
      descriptor_of<sluice::standard::FileSink>(SLUICE_KIND_SINK),
      descriptor_of<sluice::standard::JsonTransform>(SLUICE_KIND_TRANSFORM),
      descriptor_of<sluice::standard::FieldsTransform>(SLUICE_KIND_TRANSFORM)};
  for (const sluice_plugin& plugin : plugins) {
    if (plugin.kind == step.kind && step.plugin == plugin.name) return &plugin;
  }
  return nullptr;
}

// As the plugin's create() gets it: the checked configuration as JSON text.
// Refusing it with a ConfigError is the plugin's right; anything else the
// SDK would report as an internal error, a schema that let through what the
// code cannot take.
void create_transform(const StepSpec& step, const ConfigJson& config) {
  try {
    const sluice::Config options = sluice::Config::parse(config.dump());
    if (step.plugin == "json") sluice::standard::JsonTransform transform(options);
    if (step.plugin == "fields") sluice::standard::FieldsTransform transform(options);
  } catch (const sluice::ConfigError&) {
  }
}

// What CheckStepConfig (core/src/plugin_instance.cpp) does with a step.
void check_step(const StepSpec& step, const sluice_plugin& plugin) {
  const nlohmann::json schema = nlohmann::json::parse(plugin.config_schema);
  std::vector<sluice::core::ConfigIssue> issues;
  const ConfigJson config = sluice::core::type_and_validate(step.options, schema, step.role, &issues);
  for (const sluice::core::ConfigIssue& issue : issues) FUZZ_CHECK(!issue.message.empty());
  if (issues.empty() && step.kind == SLUICE_KIND_TRANSFORM) create_transform(step, config);
}

void check_steps(const PipelineSpec& spec) {
  std::vector<const StepSpec*> steps{&spec.source, &spec.sink};
  for (const StepSpec& step : spec.transforms) steps.push_back(&step);
  if (spec.dead_letter) steps.push_back(&*spec.dead_letter);
  for (const StepSpec* step : steps) {
    FUZZ_CHECK(!step->plugin.empty() && !step->name.empty());
    if (const sluice_plugin* plugin = find_std_plugin(*step)) check_step(*step, *plugin);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static PipelineFile file;
  const std::vector<std::string_view> pieces =
      sluice::fuzz::split(sluice::fuzz::as_text(data, size), '\0', 1 + kMaxOverrides);
  const std::vector<std::string> overrides(pieces.begin() + 1, pieces.end());

  auto spec = sluice::core::load_pipeline(file.write(pieces.front()), overrides);
  if (!spec.ok()) {
    FUZZ_CHECK(!spec.status().message().empty());
    FUZZ_CHECK(sluice::core::exit_code(spec.status()) == 2);
    return 0;
  }
  check_steps(*spec);
  return 0;
}
