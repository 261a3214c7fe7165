// `sluice plugins`: what is on the plugin path, where it came from, and why
// anything was refused.
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"

namespace sluice::core {
namespace {

nlohmann::json schema_of(const sluice_plugin& plugin) {
  try {
    return nlohmann::json::parse(plugin.config_schema);
  } catch (const nlohmann::json::exception&) {
    return plugin.config_schema;  // shown as text; `validate` reports it
  }
}

std::string abi_version(const PluginEntry& e) {
  return std::to_string(e.abi_major) + "." + std::to_string(e.abi_minor);
}

void print_json(const PluginCatalog& catalog, const GlobalOptions& global) {
  nlohmann::json out{
      {"abi_version", std::to_string(SLUICE_ABI_MAJOR) + "." + std::to_string(SLUICE_ABI_MINOR)},
      {"plugin_path", global.plugin_path},
      {"plugins", nlohmann::json::array()},
      {"refused", nlohmann::json::array()}};
  for (const PluginEntry& e : catalog.plugins()) {
    const sluice_plugin& p = *e.descriptor;
    out["plugins"].push_back({{"name", p.name},
                              {"kind", kind_name(p.kind)},
                              {"version", p.version ? p.version : ""},
                              {"description", p.description ? p.description : ""},
                              {"abi_version", abi_version(e)},
                              {"library", e.path},
                              {"reversible", inverse_of(p) != nullptr},
                              {"config_schema", schema_of(p)}});
  }
  for (const RefusedLibrary& r : catalog.refused())
    out["refused"].push_back({{"library", r.path}, {"reason", r.reason}});
  std::cout << out.dump(2) << "\n";
}

void print_text(const PluginCatalog& catalog) {
  for (const PluginEntry& e : catalog.plugins()) {
    const sluice_plugin& p = *e.descriptor;
    std::printf("%-12s %-10s %-8s %s\n%36s%s (ABI %s)\n", p.name, kind_name(p.kind),
                p.version ? p.version : "", p.description ? p.description : "", "", e.path.c_str(),
                abi_version(e).c_str());
  }
  if (!catalog.refused().empty()) std::printf("\nrefused:\n");
  for (const RefusedLibrary& r : catalog.refused())
    std::printf("  %s: %s\n", r.path.c_str(), r.reason.c_str());
}

}  // namespace

Status list_plugins(const GlobalOptions& global, bool json) {
  PluginCatalog catalog = load_catalog(global, nullptr);
  if (json)
    print_json(catalog, global);
  else
    print_text(catalog);
  return Status();
}

}  // namespace sluice::core
