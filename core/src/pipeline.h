// A pipeline ready to run: every step's plugin found, configured and
// created, in the order data flows through them.
#pragma once

#include <memory>
#include <vector>

#include "pipeline_spec.h"
#include "plugin_catalog.h"
#include "plugin_instance.h"

namespace sluice::core {

struct Pipeline {
  std::string name;
  int64_t max_in_flight_rows = 0;
  // Members are destroyed in reverse order: the source first (it finishes
  // deleting what was acknowledged), the sinks last.
  std::unique_ptr<PluginInstance> sink;
  std::unique_ptr<PluginInstance> dead_letter;  // may be null
  std::vector<std::unique_ptr<PluginInstance>> transforms;
  std::unique_ptr<PluginInstance> source;
};

// Finds each step's plugin and checks its configuration, collecting every
// problem (for `sluice validate`).
Status check_pipeline(const PipelineSpec& spec, const PluginCatalog& catalog);

// Checks and creates the transforms alone, in order (`sluice test`: the
// source and sinks are never created, so nothing is contacted).
using Transforms = std::vector<std::unique_ptr<PluginInstance>>;
Result<Transforms> create_transforms(const PipelineSpec& spec, const PluginCatalog& catalog);

// Checks and creates every step.
Result<Pipeline> create_pipeline(const PipelineSpec& spec, const PluginCatalog& catalog, bool drain);

}  // namespace sluice::core
