// Reading the step's configuration (as the host typed it against the
// schema) into SinkOptions, with the checks the schema cannot express.
#pragma once

#include <sluice/plugin.hpp>

#include "sink_options.h"

namespace sluice::postgres {

// Throws sluice::ConfigError naming the option at fault.
SinkOptions read_plugin_options(const sluice::Config& config, std::string_view pipeline_name);

}  // namespace sluice::postgres
