// The plugin catalog: the plugin libraries found on the plugin path, the
// ones loaded and checked against the ABI, and the reasons any file was
// refused. Loading a library runs its code, so a library is loaded only
// when needed: when a pipeline names a plugin it declares (plugin_names.h),
// or for `sluice plugins`. Directories and files writable by group or
// others, or owned by another non-root user, are refused unless allowed.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluice/plugin.h"
#include "status.h"

namespace sluice::core {

// A loaded plugin library. Shared by everything it created: instances hold
// a reference, so the library is unloaded only after the last of them.
class PluginLibrary;

struct PluginEntry {
  const sluice_plugin* descriptor = nullptr;
  std::shared_ptr<PluginLibrary> library;
  std::string path;        // the shared object it came from
  uint32_t abi_major = 0;  // what the library was built against
  uint32_t abi_minor = 0;
};

struct RefusedLibrary {
  std::string path;
  std::string reason;
};

const char* kind_name(int32_t kind);

// The transform's inverse (`sluice unmask`), or NULL when it has none or
// was built before the field existed.
using TransformFn = decltype(sluice_transform_ops::process);
TransformFn inverse_of(const sluice_plugin& plugin);

// A plugin a pipeline needs: its name and kind.
struct WantedPlugin {
  std::string name;
  int32_t kind = 0;
};

class PluginCatalog {
 public:
  // Lists the shared objects of each directory (non-recursively), in
  // order, and reads the plugin names each declares; loads nothing. With
  // `allow_insecure` false, refuses unsafe directories and files
  // (plugin_path_security.h).
  static PluginCatalog scan(const std::vector<std::string>& directories, bool allow_insecure = false);

  // Loads every library found (`sluice plugins`).
  void load_all();
  // Loads the libraries that declare one of `wanted`'s names, in path order;
  // then, if some wanted plugin's name is declared by no library and still
  // missing, the libraries that declare nothing (built without the names
  // section). The first plugin of a name and kind wins; later ones are
  // refused as shadowed.
  void load_for(const std::vector<WantedPlugin>& wanted);

  // Loads a single file now.
  void add_library(const std::string& path);

  // Finds the plugin `name` of `kind`, or explains why not: unknown name
  // (with the nearest known name) or a plugin of another kind.
  Result<PluginEntry> find(const std::string& name, int32_t kind) const;

  const std::vector<PluginEntry>& plugins() const { return plugins_; }
  const std::vector<RefusedLibrary>& refused() const { return refused_; }
  // Libraries found and left unloaded, as nothing needed them.
  std::vector<std::string> not_loaded() const;

 private:
  struct Candidate {
    std::string path;
    std::optional<std::vector<std::string>> names;  // nullopt: declares nothing
    bool loaded = false;
  };
  void load(Candidate& candidate);
  void add_plugin(PluginEntry entry);

  std::vector<Candidate> candidates_;
  std::vector<PluginEntry> plugins_;
  std::vector<RefusedLibrary> refused_;
};

// The default plugin path: the directories of $SLUICE_PLUGIN_PATH
// (':'-separated), then <dir of the sluice executable>/../lib/sluice, which
// is where both the build tree and `cmake --install` put the in-tree plugins.
std::vector<std::string> default_plugin_path();

}  // namespace sluice::core
