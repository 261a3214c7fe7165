// The sluice commands (SPEC §2). Each returns a Status whose exit_code()
// is the process's exit code.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "plugin_catalog.h"
#include "status.h"

namespace sluice::core {

struct GlobalOptions {
  std::vector<std::string> plugin_path;     // search order, built-ins last
  bool allow_insecure_plugin_path = false;  // load from group/world-writable places too
  std::string metrics_addr;                 // HOST:PORT, empty for none
  // /health turns 503 once the sink has held rows this long without committing any.
  std::chrono::milliseconds unhealthy_after{60'000};
};

struct RunCommand {
  std::string pipeline;
  bool drain = false;
  std::vector<std::string> overrides;
  bool no_progress = false;  // never show the progress line, even on a terminal
};
Status run(const GlobalOptions& global, const RunCommand& command);

struct ValidateCommand {
  std::string pipeline;
  bool connect = false;
  // --connect gives up (exit 1) when the steps have not connected by then.
  std::chrono::milliseconds connect_timeout{10'000};
  std::vector<std::string> overrides;
};
Status validate(const GlobalOptions& global, const ValidateCommand& command);

Status list_plugins(const GlobalOptions& global, bool json);

struct MaskCommand {
  std::string pipeline;
  std::string step;
  std::string field;  // empty: the step's only field
  bool unmask = false;
  std::vector<std::string> overrides;
};
Status mask(const GlobalOptions& global, const MaskCommand& command);

struct TestCommand {
  std::string pipeline;
  std::vector<std::string> tests;  // empty: PIPELINE.test.yaml beside the pipeline
  std::string junit;               // --junit FILE, empty for none
};
// Exit 0 when every case passes, 1 when one fails, 2 on a bad file.
Status test(const GlobalOptions& global, const TestCommand& command);

// The plugin path scanned; with `wanted`, only the libraries that provide
// those plugins loaded, without it every library (`sluice plugins`).
PluginCatalog load_catalog(const GlobalOptions& global, const std::vector<WantedPlugin>* wanted);

}  // namespace sluice::core
