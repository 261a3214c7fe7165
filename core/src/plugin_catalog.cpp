#include "plugin_catalog.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include <boost/dll/library_info.hpp>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include "plugin_names.h"
#include "plugin_path_security.h"
#include "suggest.h"

namespace sluice::core {

class PluginLibrary {
 public:
  explicit PluginLibrary(boost::dll::shared_library lib) : lib_(std::move(lib)) {}
  boost::dll::shared_library& lib() { return lib_; }

 private:
  boost::dll::shared_library lib_;
};

namespace {

namespace fs = std::filesystem;

std::string abi_string(uint32_t major, uint32_t minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

const std::string kHostAbi = abi_string(SLUICE_ABI_MAJOR, SLUICE_ABI_MINOR);

// A library without our entry symbol may still be a Sluice plugin built for
// another major: its entry function's name says which.
std::string missing_entry_reason(const std::string& path) {
  static constexpr std::string_view kPrefix = "sluice_plugin_entry_v";
  try {
    boost::dll::library_info info(path);
    for (const std::string& symbol : info.symbols()) {
      if (!symbol.starts_with(kPrefix)) continue;
      std::string_view major = std::string_view(symbol).substr(kPrefix.size());
      if (major.empty() || major.find_first_not_of("0123456789") != std::string_view::npos) continue;
      return "built for plugin ABI " + std::string(major) + ".x (it exports " + symbol +
             "), but this sluice speaks plugin ABI " + kHostAbi;
    }
  } catch (const std::exception&) {
    // Unreadable symbol table: fall through to the generic reason.
  }
  return std::string("no entry function ") + SLUICE_ENTRY_NAME + ": not a Sluice plugin for plugin ABI " +
         kHostAbi;
}

std::string check_library_header(const sluice_library* library) {
  if (library == nullptr) return "its entry function returned NULL";
  if (library->struct_size < sizeof(uint32_t) * 3) return "its library descriptor is truncated";
  if (library->abi_major != SLUICE_ABI_MAJOR) {
    return "built for plugin ABI " + abi_string(library->abi_major, library->abi_minor) +
           ", but this sluice speaks plugin ABI " + kHostAbi;
  }
  if (library->abi_minor > SLUICE_ABI_MINOR) {
    return "built for plugin ABI " + abi_string(library->abi_major, library->abi_minor) +
           ", newer than this sluice's plugin ABI " + kHostAbi + "; upgrade sluice";
  }
  if (library->struct_size < sizeof(sluice_library)) return "its library descriptor is truncated";
  if (library->n_plugins > 0 && library->plugins == nullptr) return "it lists plugins but gives none";
  return {};
}

bool valid_name(const char* name) {
  if (name == nullptr || *name == '\0') return false;
  for (const char* p = name; *p; ++p) {
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) return false;
  }
  return true;
}

template <typename Ops>
bool ops_large_enough(const Ops* ops, size_t needed) {
  return ops != nullptr && ops->struct_size >= needed;
}

// Checks one descriptor; returns why it is unusable, or "" when usable.
std::string check_descriptor(const sluice_plugin* p) {
  if (p == nullptr) return "a NULL plugin descriptor";
  if (p->struct_size < offsetof(sluice_plugin, check)) return "a truncated plugin descriptor";
  if (!valid_name(p->name)) return "a plugin name that is not [a-z0-9_]+";
  std::string who = std::string("plugin '") + p->name + "': ";
  if (!p->create || !p->destroy) return who + "no create/destroy";
  if (!p->config_schema) return who + "no config_schema";
  switch (p->kind) {
    case SLUICE_KIND_SOURCE:
      if (!ops_large_enough(p->source, offsetof(sluice_source_ops, ack) + sizeof(void*)) ||
          !p->source->next || !p->source->ack)
        return who + "incomplete source operations";
      return {};
    case SLUICE_KIND_TRANSFORM:
      if (!ops_large_enough(p->transform, offsetof(sluice_transform_ops, process) + sizeof(void*)) ||
          !p->transform->process)
        return who + "incomplete transform operations";
      return {};
    case SLUICE_KIND_SINK:
      if (!ops_large_enough(p->sink, offsetof(sluice_sink_ops, flush) + sizeof(void*)) || !p->sink->write ||
          !p->sink->flush)
        return who + "incomplete sink operations";
      return {};
    default: return who + "unknown kind " + std::to_string(p->kind);
  }
}

bool looks_like_shared_object(const fs::path& path) {
  std::string name = path.filename().string();
  return name.size() > 3 && (name.ends_with(".so") || name.find(".so.") != std::string::npos);
}

}  // namespace

const char* kind_name(int32_t kind) {
  switch (kind) {
    case SLUICE_KIND_SOURCE: return "source";
    case SLUICE_KIND_TRANSFORM: return "transform";
    case SLUICE_KIND_SINK: return "sink";
    default: return "unknown";
  }
}

TransformFn inverse_of(const sluice_plugin& plugin) {
  if (plugin.kind != SLUICE_KIND_TRANSFORM || plugin.transform == nullptr) return nullptr;
  if (!SLUICE_HAS_FIELD(plugin.transform, sluice_transform_ops, invert)) return nullptr;
  return plugin.transform->invert;
}

PluginCatalog PluginCatalog::scan(const std::vector<std::string>& directories, bool allow_insecure) {
  PluginCatalog catalog;
  std::set<std::string> seen;  // a directory given twice (flag and variable) is read once
  for (const std::string& dir : directories) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec) || !seen.insert(fs::weakly_canonical(dir, ec).string()).second) continue;
    if (std::string why = allow_insecure ? "" : insecure_path_reason(dir); !why.empty()) {
      catalog.refused_.push_back({dir, why});
      continue;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.is_regular_file(ec) && looks_like_shared_object(entry.path())) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());  // deterministic precedence within a directory
    for (const fs::path& file : files) {
      if (std::string why = allow_insecure ? "" : insecure_path_reason(file.string()); !why.empty()) {
        catalog.refused_.push_back({file.string(), why});
        continue;
      }
      catalog.candidates_.push_back({file.string(), declared_plugin_names(file.string()), false});
    }
  }
  return catalog;
}

void PluginCatalog::load_all() {
  for (Candidate& candidate : candidates_) load(candidate);
}

void PluginCatalog::load_for(const std::vector<WantedPlugin>& wanted) {
  auto declares = [](const Candidate& candidate, const std::string& name) {
    return candidate.names &&
           std::find(candidate.names->begin(), candidate.names->end(), name) != candidate.names->end();
  };
  for (Candidate& candidate : candidates_) {
    for (const WantedPlugin& plugin : wanted) {
      if (declares(candidate, plugin.name)) load(candidate);
    }
  }
  // Only a name no library declares sends us to the libraries declaring nothing.
  auto declared_nowhere = [&](const WantedPlugin& plugin) {
    return std::none_of(candidates_.begin(), candidates_.end(),
                        [&](const Candidate& candidate) { return declares(candidate, plugin.name); }) &&
           !find(plugin.name, plugin.kind).ok();
  };
  if (std::none_of(wanted.begin(), wanted.end(), declared_nowhere)) return;
  for (Candidate& candidate : candidates_) {
    if (!candidate.names) load(candidate);
  }
}

void PluginCatalog::load(Candidate& candidate) {
  if (candidate.loaded) return;
  candidate.loaded = true;
  add_library(candidate.path);
}

std::vector<std::string> PluginCatalog::not_loaded() const {
  std::vector<std::string> paths;
  for (const Candidate& candidate : candidates_) {
    if (!candidate.loaded) paths.push_back(candidate.path);
  }
  return paths;
}

void PluginCatalog::add_library(const std::string& path) {
  boost::dll::shared_library lib;
  boost::dll::fs::error_code ec;
  lib.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
  if (ec) {
    refused_.push_back({path, "cannot be loaded: " + ec.message()});
    return;
  }
  if (!lib.has(SLUICE_ENTRY_NAME)) {
    refused_.push_back({path, missing_entry_reason(path)});
    return;
  }
  auto entry = lib.get<const sluice_library*()>(SLUICE_ENTRY_NAME);
  const sluice_library* library = entry();
  if (std::string why = check_library_header(library); !why.empty()) {
    refused_.push_back({path, why});
    return;
  }
  auto shared = std::make_shared<PluginLibrary>(std::move(lib));
  for (uint32_t i = 0; i < library->n_plugins; ++i) {
    const sluice_plugin* descriptor = library->plugins[i];
    if (std::string why = check_descriptor(descriptor); !why.empty()) {
      refused_.push_back({path, why});
      continue;
    }
    add_plugin({descriptor, shared, path, library->abi_major, library->abi_minor});
  }
}

void PluginCatalog::add_plugin(PluginEntry entry) {
  for (const PluginEntry& known : plugins_) {
    if (known.descriptor->kind == entry.descriptor->kind &&
        std::string_view(known.descriptor->name) == entry.descriptor->name) {
      refused_.push_back({entry.path, std::string(kind_name(entry.descriptor->kind)) + " '" +
                                          entry.descriptor->name + "' is shadowed by " + known.path});
      return;
    }
  }
  plugins_.push_back(std::move(entry));
}

Result<PluginEntry> PluginCatalog::find(const std::string& name, int32_t kind) const {
  std::vector<std::string> same_kind;
  const PluginEntry* other_kind = nullptr;
  for (const PluginEntry& entry : plugins_) {
    if (entry.descriptor->kind == kind) {
      if (name == entry.descriptor->name) return entry;
      same_kind.push_back(entry.descriptor->name);
    } else if (name == entry.descriptor->name) {
      other_kind = &entry;
    }
  }
  if (other_kind != nullptr) {
    return plugin_error("plugin '" + name + "' (" + other_kind->path + ") is a " +
                        kind_name(other_kind->descriptor->kind) + ", but this place needs a " +
                        kind_name(kind));
  }
  for (const Candidate& candidate : candidates_) {  // names of libraries left unloaded count too
    if (!candidate.loaded && candidate.names)
      same_kind.insert(same_kind.end(), candidate.names->begin(), candidate.names->end());
  }
  std::string message = std::string("no ") + kind_name(kind) + " plugin named '" + name + "'";
  if (std::string near = nearest_name(name, same_kind); !near.empty()) {
    message += "; did you mean '" + near + "'?";
  }
  for (const RefusedLibrary& refused : refused_) {
    if (refused.path.find(name) != std::string::npos) {
      message += " (" + refused.path + " was refused: " + refused.reason + ")";
    }
  }
  message += "; run `sluice plugins` to list what is on the plugin path";
  return plugin_error(message);
}

std::vector<std::string> default_plugin_path() {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("SLUICE_PLUGIN_PATH"); env != nullptr && *env) {
    std::string_view rest(env);
    while (!rest.empty()) {
      size_t colon = rest.find(':');
      std::string_view part = rest.substr(0, colon);
      if (!part.empty()) dirs.emplace_back(part);
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  boost::dll::fs::error_code ec;
  fs::path exe = boost::dll::program_location(ec);
  if (!ec) dirs.push_back((exe.parent_path().parent_path() / "lib" / "sluice").string());
  return dirs;
}

}  // namespace sluice::core
