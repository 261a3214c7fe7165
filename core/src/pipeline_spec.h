// The pipeline file (SPEC §3): parsed, variables expanded, --set applied,
// and its top level checked. Each step's own options are checked later,
// against the schema of the plugin that step names.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config_schema.h"
#include "status.h"

namespace sluice::core {

struct StepSpec {
  std::string role;    // where it stands: "source", "transforms[1]", "sink", "dead_letter"
  std::string name;    // `name`, defaulting to the plugin's name ("dead_letter" for that role)
  std::string plugin;  // `plugin`
  int32_t kind = 0;    // the SLUICE_KIND_* its place requires
  YAML::Node options;  // the step mapping without `plugin` and `name`
  int line = 0, column = 0;
};

struct PipelineSpec {
  std::string path;
  std::string name;
  StepSpec source;
  std::vector<StepSpec> transforms;
  StepSpec sink;
  std::optional<StepSpec> dead_letter;
  // Bound on rows taken from the source and not yet settled: the memory
  // bound and the backpressure point of the pipeline.
  int64_t max_in_flight_rows = 20000;

  const StepSpec* find_step(const std::string& name) const;
};

// `overrides` are --set KEY=VALUE pairs, KEY a dotted path such as
// `sink.table`, `source.queue_url` or `transforms.mask_pii.plugin` (a
// transform by its name or index).
Result<PipelineSpec> load_pipeline(const std::string& path, const std::vector<std::string>& overrides);

// "file:line:column: key: message" for one issue of the file at `path`.
std::string format_issue(const std::string& path, const ConfigIssue& issue);
Status issues_to_status(const std::string& path, const std::vector<ConfigIssue>& issues);

}  // namespace sluice::core
