#include "plugin_instance.h"

#include <sluice/detail/config_defaults.hpp>

#include "log.h"
#include "metrics.h"

namespace sluice::core {
namespace {

void host_log(void* ctx, int32_t level, const char* message) {
  auto* step = static_cast<const std::string*>(ctx);
  LogLevel mapped =
      static_cast<LogLevel>(std::clamp<int32_t>(level, 0, static_cast<int32_t>(LogLevel::kError)));
  log(mapped, *step, message == nullptr ? "" : message);
}

void host_count(void* ctx, const char* name, double value) {
  auto* step = static_cast<const std::string*>(ctx);
  if (name != nullptr) Metrics::instance().add_plugin_counter(*step, name, value);
}

}  // namespace

Result<ConfigJson> check_step_config(const std::string& pipeline_path, const StepSpec& step,
                                     const PluginEntry& plugin) {
  nlohmann::json schema;
  try {
    schema = nlohmann::json::parse(plugin.descriptor->config_schema);
  } catch (const nlohmann::json::exception& e) {
    return plugin_error(plugin.path + ": plugin '" + plugin.descriptor->name +
                        "' declares a config_schema that is not JSON: " + e.what());
  }
  std::vector<ConfigIssue> issues;
  ConfigJson config = type_and_validate(step.options, schema, step.role, &issues);
  for (ConfigIssue& issue : issues) {
    if (issue.line == 0) {
      issue.line = step.line;
      issue.column = step.column;
    }
    issue.message += " (step '" + step.name + "', plugin " + step.plugin + ")";
  }
  if (!issues.empty()) return issues_to_status(pipeline_path, issues);
  // Each default is stated once, in the schema: the plugin reads values.
  sluice::fill_schema_defaults(config, schema);
  return config;
}

PluginInstance::PluginInstance(PluginEntry entry, std::string step_name, std::string role,
                               std::string pipeline_name)
    : entry_(std::move(entry)),
      step_name_(std::move(step_name)),
      role_(std::move(role)),
      pipeline_name_(std::move(pipeline_name)) {}

Result<std::unique_ptr<PluginInstance>> PluginInstance::create(const StepSpec& step,
                                                               const PluginEntry& plugin,
                                                               const ConfigJson& config,
                                                               const std::string& pipeline_name, bool drain) {
  std::unique_ptr<PluginInstance> instance(new PluginInstance(plugin, step.name, step.role, pipeline_name));
  sluice_host& host = instance->host_;
  host.struct_size = sizeof(sluice_host);
  host.abi_minor = SLUICE_ABI_MINOR;
  host.ctx = &instance->step_name_;
  host.log = host_log;
  host.pipeline_name = instance->pipeline_name_.c_str();
  host.step_name = instance->step_name_.c_str();
  host.drain = drain ? 1 : 0;
  host.count = host_count;

  sluice_error err{sizeof(sluice_error), {0}};
  std::string config_text = config.dump();
  sluice_status status = plugin.descriptor->create(&host, config_text.c_str(), &instance->handle_, &err);
  if (status != SLUICE_OK) {
    instance->handle_ = nullptr;
    Status failed = plugin_call_failed(*instance, "create", status, err);
    return status == SLUICE_ERR_CONFIG ? config_error(failed.message()) : failed;
  }
  return instance;
}

PluginInstance::~PluginInstance() {
  if (handle_ != nullptr) entry_.descriptor->destroy(handle_);
}

std::optional<int64_t> PluginInstance::backlog() const {
  const sluice_source_ops* ops = plugin().source;
  // `backlog` postdates minor 0: read it only if the plugin's struct has it.
  if (ops == nullptr || !SLUICE_HAS_FIELD(ops, sluice_source_ops, backlog) || ops->backlog == nullptr) {
    return std::nullopt;
  }
  int64_t count = 0;
  sluice_error err{sizeof(sluice_error), {0}};
  if (ops->backlog(handle_, &count, &err) != SLUICE_OK || count < 0) return std::nullopt;
  return count;
}

void PluginInstance::interrupt() const {
  const sluice_sink_ops* ops = plugin().sink;
  // `interrupt` postdates minor 1: read it only if the plugin's struct has it.
  if (ops == nullptr || !SLUICE_HAS_FIELD(ops, sluice_sink_ops, interrupt) || ops->interrupt == nullptr) {
    return;
  }
  ops->interrupt(handle_);
}

std::string PluginInstance::describe() const {
  return "step '" + step_name_ + "' (" + entry_.descriptor->name + ")";
}

Status plugin_call_failed(const PluginInstance& instance, const char* operation, sluice_status status,
                          const sluice_error& err) {
  std::string message = instance.describe() + ": " + operation + " failed";
  if (err.message[0] != '\0')
    message += ": " + std::string(err.message);
  else
    message += " with status " + std::to_string(status);
  return runtime_error(message);
}

}  // namespace sluice::core
