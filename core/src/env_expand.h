// ${VAR} and ${VAR:-default} in pipeline files (SPEC §3).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "status.h"

namespace sluice::core {

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// The process environment.
std::optional<std::string> get_env(const std::string& name);

// Expands every ${VAR} and ${VAR:-default} in `text`; `$${` is a literal
// `${`. An unset variable without a default (or an empty one, for `:-`) is
// an error naming the variable. Expansion is not recursive: a value that
// contains `${` stays as it is.
Result<std::string> expand_variables(std::string_view text, const EnvLookup& lookup = get_env);

}  // namespace sluice::core
