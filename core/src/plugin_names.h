// Which plugins a library provides, read from its file without loading it
// (loading runs its constructors): the names the SDK writes into the ELF
// section SLUICE_NAMES_SECTION (plugin.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sluice::core {

// The declared names, or nullopt when the file has no such section (a
// library built before it existed, or by hand) or is not a readable ELF
// file of this machine's class.
std::optional<std::vector<std::string>> declared_plugin_names(const std::string& path);

}  // namespace sluice::core
