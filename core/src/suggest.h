// "Did you mean ...?": the nearest known name to a misspelt one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sluice::core {

// Levenshtein distance between two ASCII strings.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `name`, or "" when none is close enough to be a
// plausible typo (distance at most a third of the longer name, and >= 1).
std::string nearest_name(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace sluice::core
