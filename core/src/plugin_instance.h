// A live plugin instance: one step of a pipeline, created from its checked
// configuration, destroyed exactly once, holding its library loaded.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "pipeline_spec.h"
#include "plugin_catalog.h"
#include "status.h"

namespace sluice::core {

// Checks a step's options against its plugin's schema and returns the
// typed configuration the plugin will receive.
Result<ConfigJson> check_step_config(const std::string& pipeline_path, const StepSpec& step,
                                     const PluginEntry& plugin);

class PluginInstance {
 public:
  static Result<std::unique_ptr<PluginInstance>> create(const StepSpec& step, const PluginEntry& plugin,
                                                        const ConfigJson& config,
                                                        const std::string& pipeline_name, bool drain);
  ~PluginInstance();
  PluginInstance(const PluginInstance&) = delete;
  PluginInstance& operator=(const PluginInstance&) = delete;

  const sluice_plugin& plugin() const { return *entry_.descriptor; }
  void* handle() const { return handle_; }
  const std::string& step_name() const { return step_name_; }
  const std::string& role() const { return role_; }

  // "step 'mask_pii' (fpe): " — the prefix of every message about it.
  std::string describe() const;

  // A source's answer to `backlog` (messages waiting), or nullopt when it
  // has none: a plugin built before minor 1, a NULL entry, or a refusal.
  std::optional<int64_t> backlog() const;

  // Tells a sink that the host is stopping, so that it ends any retry
  // backoff now (`interrupt`, since minor 2). Does nothing for other kinds
  // or for a sink built before minor 2. Safe from any thread.
  void interrupt() const;

 private:
  PluginInstance(PluginEntry entry, std::string step_name, std::string role, std::string pipeline_name);

  // Declared first so it is destroyed last: the library outlives the
  // instance and everything the instance produced.
  PluginEntry entry_;
  std::string step_name_;
  std::string role_;
  std::string pipeline_name_;
  sluice_host host_{};
  void* handle_ = nullptr;
};

// Returns a status for a plugin call that returned `status` with `err`.
Status plugin_call_failed(const PluginInstance& instance, const char* operation, sluice_status status,
                          const sluice_error& err);

}  // namespace sluice::core
