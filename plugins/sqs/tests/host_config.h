// The configuration the sqs source's constructor receives from the host: the
// options a test gives, with the `default`s of the schema filled in (the host
// and the SDK's adapters do this before `create`), so that tests parse
// options exactly as a pipeline does.
#pragma once

#include <string_view>

#include <sluice/plugin.hpp>

#include "source_options.h"

namespace sluice::sqs::testing_support {

inline sluice::Config host_config(sluice::Config config) {
  config.fill_defaults(kSourceOptionsSchema);
  return config;
}

inline sluice::Config host_config(std::string_view json) { return host_config(sluice::Config::parse(json)); }

}  // namespace sluice::sqs::testing_support
