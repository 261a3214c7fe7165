// Scalars whose text came from `${VAR}` expansion are tagged so that error
// messages never quote them: a variable may hold a secret, even one given
// where it does not belong. Text written literally in the pipeline file (or
// given with --set) may be quoted. The tag also keeps what yaml-cpp says
// about quoting ("!" for a quoted scalar), which decides how it is typed.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

namespace sluice::core {

inline const std::string kExpandedPlainTag = "?sluice-expanded";
inline const std::string kExpandedQuotedTag = "!sluice-expanded";

// Tags `scalar`, just replaced by its expansion; `quoted`: it was quoted.
inline void mark_expanded(YAML::Node scalar, bool quoted) {
  scalar.SetTag(quoted ? kExpandedQuotedTag : kExpandedPlainTag);
}

inline bool was_expanded(const YAML::Node& node) {
  return node.Tag() == kExpandedPlainTag || node.Tag() == kExpandedQuotedTag;
}

// Quoted in the file: typed as a string whatever it looks like.
inline bool is_quoted_scalar(const YAML::Node& node) {
  return node.Tag() == "!" || node.Tag() == kExpandedQuotedTag;
}

}  // namespace sluice::core
