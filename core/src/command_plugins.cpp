// `sluice plugins`: what is on the plugin path, where it came from, and why
// anything was refused.
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"

namespace sluice::core {
namespace {

nlohmann::json SchemaOf(const sluice_plugin& plugin) {
  try {
    return nlohmann::json::parse(plugin.config_schema);
  } catch (const nlohmann::json::exception&) {
    return plugin.config_schema;  // shown as text; `validate` reports it
  }
}

std::string AbiVersion(const PluginEntry& e) {
  return std::to_string(e.abi_major) + "." + std::to_string(e.abi_minor);
}

void PrintJson(const PluginCatalog& catalog, const GlobalOptions& global) {
  nlohmann::json out{
      {"abi_version", std::to_string(SLUICE_ABI_MAJOR) + "." + std::to_string(SLUICE_ABI_MINOR)},
      {"plugin_path", global.plugin_path},
      {"plugins", nlohmann::json::array()},
      {"refused", nlohmann::json::array()}};
  for (const PluginEntry& e : catalog.plugins()) {
    const sluice_plugin& p = *e.descriptor;
    out["plugins"].push_back({{"name", p.name},
                              {"kind", KindName(p.kind)},
                              {"version", p.version ? p.version : ""},
                              {"description", p.description ? p.description : ""},
                              {"abi_version", AbiVersion(e)},
                              {"library", e.path},
                              {"reversible", InverseOf(p) != nullptr},
                              {"config_schema", SchemaOf(p)}});
  }
  for (const RefusedLibrary& r : catalog.refused())
    out["refused"].push_back({{"library", r.path}, {"reason", r.reason}});
  std::cout << out.dump(2) << "\n";
}

void PrintText(const PluginCatalog& catalog) {
  for (const PluginEntry& e : catalog.plugins()) {
    const sluice_plugin& p = *e.descriptor;
    std::printf("%-12s %-10s %-8s %s\n%36s%s (ABI %s)\n", p.name, KindName(p.kind),
                p.version ? p.version : "", p.description ? p.description : "", "", e.path.c_str(),
                AbiVersion(e).c_str());
  }
  if (!catalog.refused().empty()) std::printf("\nrefused:\n");
  for (const RefusedLibrary& r : catalog.refused())
    std::printf("  %s: %s\n", r.path.c_str(), r.reason.c_str());
}

}  // namespace

Status ListPlugins(const GlobalOptions& global, bool json) {
  PluginCatalog catalog = LoadCatalog(global, nullptr);
  if (json)
    PrintJson(catalog, global);
  else
    PrintText(catalog);
  return Status();
}

}  // namespace sluice::core
