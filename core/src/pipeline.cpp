#include "pipeline.h"

namespace sluice::core {
namespace {

std::vector<const StepSpec*> StepsInOrder(const PipelineSpec& spec) {
  std::vector<const StepSpec*> steps{&spec.source};
  for (const StepSpec& t : spec.transforms) steps.push_back(&t);
  steps.push_back(&spec.sink);
  if (spec.dead_letter) steps.push_back(&*spec.dead_letter);
  return steps;
}

Status AtStep(const PipelineSpec& spec, const StepSpec& step, const Status& status) {
  if (status.code() == StatusCode::kConfig) return status;  // already file:line:column
  return Status(status.code(), spec.path + ":" + std::to_string(step.line) + ":" + std::to_string(step.column) +
                                   ": " + step.role + ": " + status.message());
}

Result<std::unique_ptr<PluginInstance>> CreateStep(const PipelineSpec& spec, const StepSpec& step,
                                                   const PluginCatalog& catalog, bool drain) {
  Result<PluginEntry> plugin = catalog.Find(step.plugin, step.kind);
  if (!plugin.ok()) return AtStep(spec, step, plugin.status());
  Result<ConfigJson> config = CheckStepConfig(spec.path, step, *plugin);
  if (!config.ok()) return config.status();
  auto instance = PluginInstance::Create(step, *plugin, *config, spec.name, drain);
  if (!instance.ok()) return AtStep(spec, step, instance.status());
  return std::move(instance).value();
}

Result<Transforms> CreateTransformsFor(const PipelineSpec& spec, const PluginCatalog& catalog, bool drain) {
  Transforms transforms;
  for (const StepSpec& t : spec.transforms) {
    auto transform = CreateStep(spec, t, catalog, drain);
    if (!transform.ok()) return transform.status();
    transforms.push_back(std::move(transform).value());
  }
  return transforms;
}

}  // namespace

Result<Transforms> CreateTransforms(const PipelineSpec& spec, const PluginCatalog& catalog) {
  return CreateTransformsFor(spec, catalog, false);
}

Status CheckPipeline(const PipelineSpec& spec, const PluginCatalog& catalog) {
  std::string problems;
  Status first;
  for (const StepSpec* step : StepsInOrder(spec)) {
    Result<PluginEntry> plugin = catalog.Find(step->plugin, step->kind);
    Status status = plugin.ok() ? CheckStepConfig(spec.path, *step, *plugin).status()
                                : AtStep(spec, *step, plugin.status());
    if (status.ok()) continue;
    if (first.ok()) first = status;
    problems += (problems.empty() ? "" : "\n") + status.message();
  }
  if (first.ok()) return first;
  // Any missing plugin or bad option is a configuration error (exit 2).
  return Status::Config(problems);
}

Result<Pipeline> CreatePipeline(const PipelineSpec& spec, const PluginCatalog& catalog, bool drain) {
  SLUICE_RETURN_IF_ERROR(CheckPipeline(spec, catalog));
  Pipeline pipeline;
  pipeline.name = spec.name;
  pipeline.max_in_flight_rows = spec.max_in_flight_rows;
  // Sinks first: a source may start receiving as soon as it exists.
  auto sink = CreateStep(spec, spec.sink, catalog, drain);
  if (!sink.ok()) return sink.status();
  pipeline.sink = std::move(sink).value();
  if (spec.dead_letter) {
    auto dlq = CreateStep(spec, *spec.dead_letter, catalog, drain);
    if (!dlq.ok()) return dlq.status();
    pipeline.dead_letter = std::move(dlq).value();
  }
  auto transforms = CreateTransformsFor(spec, catalog, drain);
  if (!transforms.ok()) return transforms.status();
  pipeline.transforms = std::move(transforms).value();
  auto source = CreateStep(spec, spec.source, catalog, drain);
  if (!source.ok()) return source.status();
  pipeline.source = std::move(source).value();
  return pipeline;
}

}  // namespace sluice::core
