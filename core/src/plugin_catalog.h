// The plugin catalog: every plugin library found on the plugin path, loaded
// and checked against the ABI, and the reasons any file was refused.
#pragma once

#include <memory>
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
  std::string path;          // the shared object it came from
  uint32_t abi_major = 0;    // what the library was built against
  uint32_t abi_minor = 0;
};

struct RefusedLibrary {
  std::string path;
  std::string reason;
};

const char* KindName(int32_t kind);

// The transform's inverse (`sluice unmask`), or NULL when it has none or
// was built before the field existed.
using TransformFn = decltype(sluice_transform_ops::process);
TransformFn InverseOf(const sluice_plugin& plugin);

class PluginCatalog {
 public:
  // Scans each directory (non-recursively) for shared objects, in order;
  // the first plugin of a given name and kind wins, later ones are refused
  // as shadowed.
  static PluginCatalog Scan(const std::vector<std::string>& directories);

  // Loads a single file, as Scan does for each file found.
  void AddLibrary(const std::string& path);

  // Finds the plugin `name` of `kind`, or explains why not: unknown name
  // (with the nearest known name) or a plugin of another kind.
  Result<PluginEntry> Find(const std::string& name, int32_t kind) const;

  const std::vector<PluginEntry>& plugins() const { return plugins_; }
  const std::vector<RefusedLibrary>& refused() const { return refused_; }

 private:
  void AddPlugin(PluginEntry entry);

  std::vector<PluginEntry> plugins_;
  std::vector<RefusedLibrary> refused_;
};

// The default plugin path: $SLUICE_PLUGIN_PATH (':'-separated) when set,
// otherwise <dir of the sluice executable>/../lib/sluice, which is where both
// the build tree and `cmake --install` put the in-tree plugins.
std::vector<std::string> DefaultPluginPath();

}  // namespace sluice::core
