#include "pipeline.h"

namespace sluice::core {
namespace {

std::vector<const StepSpec*> steps_in_order(const PipelineSpec& spec) {
  std::vector<const StepSpec*> steps{&spec.source};
  for (const StepSpec& t : spec.transforms) steps.push_back(&t);
  steps.push_back(&spec.sink);
  if (spec.dead_letter) steps.push_back(&*spec.dead_letter);
  return steps;
}

Status at_step(const PipelineSpec& spec, const StepSpec& step, const Status& status) {
  if (kind_of(status) == ErrorKind::kConfig) return status;  // already file:line:column
  return with_message(status, spec.path + ":" + std::to_string(step.line) + ":" +
                                  std::to_string(step.column) + ": " + step.role + ": " + status.message());
}

Result<std::unique_ptr<PluginInstance>> create_step(const PipelineSpec& spec, const StepSpec& step,
                                                    const PluginCatalog& catalog, bool drain) {
  Result<PluginEntry> plugin = catalog.find(step.plugin, step.kind);
  if (!plugin.ok()) return at_step(spec, step, plugin.status());
  SLUICE_ASSIGN_OR_RETURN(ConfigJson config, check_step_config(spec.path, step, *plugin));
  auto instance = PluginInstance::create(step, *plugin, config, spec.name, drain);
  if (!instance.ok()) return at_step(spec, step, instance.status());
  return std::move(instance).value();
}

Result<Transforms> create_transforms_for(const PipelineSpec& spec, const PluginCatalog& catalog, bool drain) {
  Transforms transforms;
  for (const StepSpec& t : spec.transforms) {
    SLUICE_ASSIGN_OR_RETURN(auto transform, create_step(spec, t, catalog, drain));
    transforms.push_back(std::move(transform));
  }
  return transforms;
}

}  // namespace

Result<Transforms> create_transforms(const PipelineSpec& spec, const PluginCatalog& catalog) {
  return create_transforms_for(spec, catalog, false);
}

Status check_pipeline(const PipelineSpec& spec, const PluginCatalog& catalog) {
  std::string problems;
  Status first;
  for (const StepSpec* step : steps_in_order(spec)) {
    Result<PluginEntry> plugin = catalog.find(step->plugin, step->kind);
    Status status = plugin.ok() ? check_step_config(spec.path, *step, *plugin).status()
                                : at_step(spec, *step, plugin.status());
    if (status.ok()) continue;
    if (first.ok()) first = status;
    problems += (problems.empty() ? "" : "\n") + status.message();
  }
  if (first.ok()) return first;
  // Any missing plugin or bad option is a configuration error (exit 2).
  return config_error(problems);
}

Result<Pipeline> create_pipeline(const PipelineSpec& spec, const PluginCatalog& catalog, bool drain) {
  SLUICE_TRY(check_pipeline(spec, catalog));
  Pipeline pipeline;
  pipeline.name = spec.name;
  pipeline.max_in_flight_rows = spec.max_in_flight_rows;
  // Sinks first: a source may start receiving as soon as it exists.
  SLUICE_ASSIGN_OR_RETURN(auto sink, create_step(spec, spec.sink, catalog, drain));
  pipeline.sink = std::move(sink);
  if (spec.dead_letter) {
    SLUICE_ASSIGN_OR_RETURN(auto dlq, create_step(spec, *spec.dead_letter, catalog, drain));
    pipeline.dead_letter = std::move(dlq);
  }
  SLUICE_ASSIGN_OR_RETURN(auto transforms, create_transforms_for(spec, catalog, drain));
  pipeline.transforms = std::move(transforms);
  SLUICE_ASSIGN_OR_RETURN(auto source, create_step(spec, spec.source, catalog, drain));
  pipeline.source = std::move(source);
  return pipeline;
}

}  // namespace sluice::core
