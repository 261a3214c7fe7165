// `sluice run` and `sluice validate`.
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "backlog_gauge.h"
#include "commands.h"
#include "health.h"
#include "log.h"
#include "metrics_server.h"
#include "pipeline.h"
#include "progress.h"
#include "runner.h"
#include "signals.h"

namespace sluice::core {

PluginCatalog load_catalog(const GlobalOptions& global, const std::vector<WantedPlugin>* wanted) {
  PluginCatalog catalog = PluginCatalog::scan(global.plugin_path, global.allow_insecure_plugin_path);
  if (wanted != nullptr) {
    catalog.load_for(*wanted);
  } else {
    catalog.load_all();
  }
  for (const RefusedLibrary& refused : catalog.refused()) {
    // Refused as unsafe is worth a warning: it may be why a plugin is missing.
    if (refused.reason.starts_with("insecure"))
      log_warn("loader", refused.path + " refused: " + refused.reason);
    else
      log_debug("loader", refused.path + " refused: " + refused.reason);
  }
  for (const std::string& path : catalog.not_loaded()) log_debug("loader", path + " not loaded: not needed");
  return catalog;
}

namespace {

// Ends the process at once, for a wait that cannot be interrupted otherwise:
// a plugin's `create` (the ABI has no way to cancel it) or a step that keeps
// retrying. Nothing runs afterwards: no destructor, no plugin code.
[[noreturn]] void end_now(int exit_code) {
  std::fflush(nullptr);
  std::_Exit(exit_code);
}

std::vector<WantedPlugin> wanted_by(const PipelineSpec& spec) {
  std::vector<WantedPlugin> wanted{{spec.source.plugin, spec.source.kind},
                                   {spec.sink.plugin, spec.sink.kind}};
  for (const StepSpec& t : spec.transforms) wanted.push_back({t.plugin, t.kind});
  if (spec.dead_letter) wanted.push_back({spec.dead_letter->plugin, spec.dead_letter->kind});
  return wanted;
}

}  // namespace

Status run(const GlobalOptions& global, const RunCommand& command) {
  std::atomic<Runner*> runner{nullptr};
  std::atomic<bool> stop_requested{false};
  // While the steps are created (a sink may retry its first connection for
  // minutes) a signal ends the process at once: nothing has been taken from
  // the source yet, so nothing is lost, and `create` cannot be interrupted.
  std::mutex phase_mutex;
  bool starting = true;
  // Before any other thread exists, so all of them inherit the blocked mask.
  SignalWatcher signals(
      [&] {
        {
          std::lock_guard lock(phase_mutex);
          if (starting) {
            log_info("host", "stopping during start-up: nothing has been taken from the source yet");
            end_now(0);
          }
        }
        stop_requested = true;
        if (Runner* r = runner.load()) r->request_stop();
      },
      [&] {
        if (Runner* r = runner.load()) r->request_abort();
      });

  SLUICE_ASSIGN_OR_RETURN(PipelineSpec spec, load_pipeline(command.pipeline, command.overrides));
  const std::vector<WantedPlugin> wanted = wanted_by(spec);
  PluginCatalog catalog = load_catalog(global, &wanted);

  // Served before the plugins connect, so /health says "starting" meanwhile.
  Health health(global.unhealthy_after);
  std::unique_ptr<MetricsServer> metrics;
  if (!global.metrics_addr.empty()) {
    SLUICE_ASSIGN_OR_RETURN(auto server, MetricsServer::start(global.metrics_addr, health));
    metrics = std::move(server);
  }
  SLUICE_ASSIGN_OR_RETURN(Pipeline pipeline, create_pipeline(spec, catalog, command.drain));
  {
    std::lock_guard lock(phase_mutex);
    starting = false;
  }

  log_info("host", "running pipeline '" + spec.name + "'" + (command.drain ? " until drained" : ""));
  Runner run(pipeline, {command.drain}, health);
  runner = &run;
  if (stop_requested.load()) run.request_stop();  // a signal that came during start-up
  const PluginInstance& source = *pipeline.source;
  std::optional<ProgressLine> progress;
  if (progress_wanted(command.no_progress)) progress.emplace([&source] { return source.backlog(); });
  std::optional<BacklogGauge> backlog_gauge;
  if (metrics) backlog_gauge.emplace([&source] { return source.backlog(); });
  Status status = run.run();
  backlog_gauge.reset();
  progress.reset();
  runner = nullptr;
  if (status.ok()) log_info("host", "pipeline '" + spec.name + "' finished");
  return status;
}

namespace {

// Creates every step and asks each to check what it talks to.
Status connect_and_check(const PipelineSpec& spec, const PluginCatalog& catalog) {
  SLUICE_ASSIGN_OR_RETURN(Pipeline pipeline, create_pipeline(spec, catalog, false));
  std::vector<PluginInstance*> steps{pipeline.source.get(), pipeline.sink.get(), pipeline.dead_letter.get()};
  for (auto& t : pipeline.transforms) steps.push_back(t.get());
  for (PluginInstance* step : steps) {
    if (step == nullptr) continue;
    const sluice_plugin& plugin = step->plugin();
    // `check` may postdate the plugin's minor: read it only if it is there.
    if (!SLUICE_HAS_FIELD(&plugin, sluice_plugin, check) || plugin.check == nullptr) continue;
    sluice_error err{sizeof(sluice_error), {0}};
    sluice_status status = plugin.check(step->handle(), &err);
    if (status != SLUICE_OK) {
      Status failed = plugin_call_failed(*step, "check", status, err);
      return status == SLUICE_ERR_CONFIG ? config_error(failed.message()) : failed;
    }
  }
  return Status();
}

// connect_and_check, given up after `timeout`: steps retry unreachable
// servers for minutes, which is right for `run` but not for a check. The
// work cannot be cancelled, so giving up reports and ends the process.
Status connect_and_check_within(const PipelineSpec& spec, const PluginCatalog& catalog,
                                std::chrono::milliseconds timeout) {
  std::mutex mutex;
  std::condition_variable finished;
  std::optional<Status> outcome;
  std::thread worker([&] {
    Status status = connect_and_check(spec, catalog);
    std::lock_guard lock(mutex);
    outcome = std::move(status);
    finished.notify_all();
  });
  std::unique_lock lock(mutex);
  if (!finished.wait_for(lock, timeout, [&] { return outcome.has_value(); })) {
    std::cerr << "sluice: validate --connect gave up after " << timeout.count() / 1000.0
              << " s (--connect-timeout): the steps did not finish connecting; the warnings above say why\n";
    end_now(1);
  }
  lock.unlock();
  worker.join();
  return *outcome;
}

}  // namespace

Status validate(const GlobalOptions& global, const ValidateCommand& command) {
  SLUICE_ASSIGN_OR_RETURN(PipelineSpec spec, load_pipeline(command.pipeline, command.overrides));
  const std::vector<WantedPlugin> wanted = wanted_by(spec);
  PluginCatalog catalog = load_catalog(global, &wanted);
  SLUICE_TRY(check_pipeline(spec, catalog));
  if (command.connect) SLUICE_TRY(connect_and_check_within(spec, catalog, command.connect_timeout));
  std::cout << command.pipeline << ": ok (" << spec.transforms.size() + 2 + (spec.dead_letter ? 1 : 0)
            << " steps" << (command.connect ? ", connections checked" : "") << ")\n";
  return Status();
}

}  // namespace sluice::core
