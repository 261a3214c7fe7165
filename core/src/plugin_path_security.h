// Whether a plugin directory or library may be trusted, as sudo judges its
// own files: loading a library runs its code with sluice's privileges, so
// whoever can write it (or the directory it sits in) must be trusted too.
#pragma once

#include <string>

namespace sluice::core {

// Why `path` (a plugin directory or library, symbolic links followed) is
// not safe to load from: writable by group or others, or owned by a user
// other than root and the one running sluice. Empty when it is safe.
std::string insecure_path_reason(const std::string& path);

}  // namespace sluice::core
