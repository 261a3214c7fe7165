// The configuration a plugin's constructor receives from the host: the
// options a test gives, with the `default`s of the plugin's schema filled in
// (the host and the SDK's adapters do this before `create`), so that tests
// construct plugins exactly as a pipeline does.
#pragma once

#include <sluice/plugin.hpp>

#include <string_view>

namespace sluice::standard::testing {

template <class Plugin>
sluice::Config host_config(sluice::Config config) {
  config.fill_defaults(Plugin::info.config_schema);
  return config;
}

template <class Plugin>
sluice::Config host_config(std::string_view json) {
  return host_config<Plugin>(sluice::Config::parse(json));
}

}  // namespace sluice::standard::testing
