#include "pipeline_spec.h"

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include <sluice/support/utf8.hpp>

#include "env_expand.h"
#include "expanded_scalar.h"
#include "sluice/plugin.h"

namespace sluice::core {
namespace {

using nlohmann::json;

// The pipeline file's own schema. Steps are open here: their options are
// checked against their plugin's schema once the plugin is known.
const json& top_level_schema() {
  static const json schema = json::parse(R"({
    "type": "object",
    "properties": {
      "version": {"type": "integer", "enum": [1]},
      "name": {"type": "string", "minLength": 1},
      "source": {"type": "object", "additionalProperties": true},
      "transforms": {"type": "array", "items": {"type": "object", "additionalProperties": true}},
      "sink": {"type": "object", "additionalProperties": true},
      "dead_letter": {"type": "object", "additionalProperties": true},
      "max_in_flight_rows": {"type": "integer", "minimum": 1}
    },
    "required": ["version", "source", "sink"]
  })");
  return schema;
}

// Bounds on the YAML tree, checked before anything walks it: an alias may
// name its own ancestor, and a few aliases of aliases can stand for billions
// of values.
constexpr int kMaxDepth = 64;
// A pipeline file is a page or two; anything near this is not one.
constexpr size_t kMaxPipelineFileBytes = 1 << 20;
constexpr size_t kMaxValues = 100000;

// False once the tree under `node` is deeper than kMaxDepth or, counting an
// alias as every value it stands for, larger than `*budget`.
bool within_bounds(const YAML::Node& node, int depth, size_t* budget) {
  if (depth > kMaxDepth || *budget == 0) return false;
  --*budget;
  if (node.IsMap()) {
    for (const auto& kv : node) {
      if (!within_bounds(kv.first, depth + 1, budget) || !within_bounds(kv.second, depth + 1, budget))
        return false;
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) {
      if (!within_bounds(item, depth + 1, budget)) return false;
    }
  }
  return true;
}

ConfigIssue issue_at(const YAML::Node& node, std::string key_path, std::string message) {
  YAML::Mark mark = node.Mark();
  return {mark.is_null() ? 0 : mark.line + 1, mark.is_null() ? 0 : mark.column + 1, std::move(key_path),
          std::move(message)};
}

void expand_scalar(YAML::Node node, const std::string& key_path, std::vector<ConfigIssue>* issues) {
  const std::string& text = node.Scalar();
  if (text.find("${") == std::string::npos) return;
  Result<std::string> expanded = expand_variables(text);
  if (!expanded.ok()) {
    issues->push_back(issue_at(node, key_path, expanded.status().message()));
    return;
  }
  bool quoted = is_quoted_scalar(node);
  node = expanded.value();
  mark_expanded(node, quoted);
}

// Expands ${VAR} in every scalar, in place. Expanding after parsing means a
// variable's value can never change the structure of the file. Keys and
// values must be UTF-8 (after expansion: a variable's value counts too), as
// they become the JSON text plugins are configured with.
void expand_tree(YAML::Node node, const std::string& key_path, std::vector<ConfigIssue>* issues) {
  if (node.IsScalar()) {
    expand_scalar(node, key_path, issues);
    if (!support::is_valid_utf8(node.Scalar()))
      issues->push_back(issue_at(node, key_path, "is not valid UTF-8"));
    return;
  }
  if (node.IsMap()) {
    for (auto kv : node) {
      if (!support::is_valid_utf8(kv.first.Scalar())) {
        issues->push_back(issue_at(kv.first, key_path, "a key is not valid UTF-8"));
        continue;
      }
      expand_tree(kv.second, key_path + (key_path.empty() ? "" : ".") + kv.first.Scalar(), issues);
    }
  } else if (node.IsSequence()) {
    for (size_t i = 0; i < node.size(); ++i)
      expand_tree(node[i], key_path + "[" + std::to_string(i) + "]", issues);
  }
}

std::vector<std::string> split_dots(const std::string& key) {
  std::vector<std::string> parts;
  std::stringstream in(key);
  for (std::string part; std::getline(in, part, '.');) parts.push_back(part);
  return parts;
}

bool is_index(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

// Finds the transform named `step` (or at index `step`).
YAML::Node find_transform(YAML::Node transforms, const std::string& step) {
  if (!transforms.IsSequence()) return YAML::Node(YAML::NodeType::Undefined);
  if (is_index(step)) {
    size_t i = 0;
    auto [end, error] = std::from_chars(step.data(), step.data() + step.size(), i);
    return error == std::errc() && i < transforms.size() ? transforms[i]
                                                         : YAML::Node(YAML::NodeType::Undefined);
  }
  for (size_t i = 0; i < transforms.size(); ++i) {
    YAML::Node t = transforms[i];
    if (!t.IsMap()) continue;  // not a step (the schema check says so later); yaml-cpp throws on t["name"]
    std::string name = t["name"] ? t["name"].Scalar() : (t["plugin"] ? t["plugin"].Scalar() : "");
    if (name == step) return t;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

Status apply_override(YAML::Node root, const std::string& assignment) {
  size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    return usage_error("--set expects KEY=VALUE, got '" + assignment + "'");
  }
  std::vector<std::string> parts = split_dots(assignment.substr(0, eq));
  YAML::Node value;
  try {
    value = YAML::Load(assignment.substr(eq + 1));
  } catch (const YAML::Exception& e) {
    return usage_error("--set " + assignment.substr(0, eq) + ": value is not valid YAML: " + e.msg);
  }
  const std::string key = assignment.substr(0, eq);
  YAML::Node node = root;
  size_t i = 0;
  if (parts[0] == "transforms" && parts.size() >= 3) {
    node.reset(find_transform(root["transforms"], parts[1]));
    if (!node.IsDefined()) return usage_error("--set: no transform '" + parts[1] + "'");
    i = 2;
  }
  for (;; ++i) {
    // yaml-cpp throws when asked for a key of a scalar.
    if (node.IsScalar()) {
      std::string walked = parts[0];
      for (size_t k = 1; k < i; ++k) walked += "." + parts[k];
      return usage_error("--set " + key + ": '" + walked + "' is a value, not a mapping");
    }
    if (i + 1 == parts.size()) break;
    YAML::Node child = node[parts[i]];
    node.reset(child);
  }
  node[parts.back()] = value;
  return Status();
}

StepSpec make_step(const YAML::Node& node, std::string role, int32_t kind, const std::string& default_name,
                   std::vector<ConfigIssue>* issues) {
  StepSpec step;
  step.role = std::move(role);
  step.kind = kind;
  YAML::Mark mark = node.Mark();
  step.line = mark.line + 1;
  step.column = mark.column + 1;
  step.options = YAML::Node(YAML::NodeType::Map);
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    if (key == "plugin")
      step.plugin = kv.second.Scalar();
    else if (key == "name")
      step.name = kv.second.Scalar();
    else
      step.options[kv.first] = kv.second;
  }
  if (step.plugin.empty()) {
    issues->push_back(issue_at(node, step.role + ".plugin", "missing required key 'plugin'"));
  }
  if (step.name.empty()) step.name = default_name.empty() ? step.plugin : default_name;
  return step;
}

// Transforms are addressed by name (`--step`, dead-letter rows, --set), so
// their names must differ. Source and sink may share their plugin's name
// (`file` in and `file` out).
void check_unique_names(const PipelineSpec& spec, std::vector<ConfigIssue>* issues) {
  std::set<std::string> seen;
  for (const StepSpec& step : spec.transforms) {
    if (!seen.insert(step.name).second) {
      issues->push_back({step.line, step.column, step.role + ".name",
                         "step name '" + step.name + "' is used twice; give each step its own `name`"});
    }
  }
}

std::string base_name(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = base.find('.');
  return dot == std::string::npos ? base : base.substr(0, dot);
}

}  // namespace

const StepSpec* PipelineSpec::find_step(const std::string& step_name) const {
  for (const StepSpec& t : transforms)
    if (t.name == step_name) return &t;
  if (source.name == step_name) return &source;
  if (sink.name == step_name) return &sink;
  if (dead_letter && dead_letter->name == step_name) return &*dead_letter;
  return nullptr;
}

std::string format_issue(const std::string& path, const ConfigIssue& issue) {
  std::string where = path;
  if (issue.line > 0) where += ":" + std::to_string(issue.line) + ":" + std::to_string(issue.column);
  return where + ": " + (issue.key_path.empty() ? "" : issue.key_path + ": ") + issue.message;
}

Status issues_to_status(const std::string& path, const std::vector<ConfigIssue>& issues) {
  if (issues.empty()) return Status();
  std::string message;
  for (const ConfigIssue& issue : issues)
    message += (message.empty() ? "" : "\n") + format_issue(path, issue);
  return config_error(message);
}

Result<PipelineSpec> load_pipeline(const std::string& path, const std::vector<std::string>& overrides) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return config_error(path + ": cannot open the pipeline file");
  // Read at most one byte past the limit: the parser never sees a big file
  // (yaml-cpp needs about 40 times a file's size in memory).
  std::string text(kMaxPipelineFileBytes + 1, '\0');
  file.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(file.gcount()));
  if (text.size() > kMaxPipelineFileBytes) {
    return config_error(path + ": the pipeline file is larger than " + std::to_string(kMaxPipelineFileBytes) +
                        " bytes (1 MiB), the most a pipeline file may be");
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    return config_error(
        format_issue(path, {e.mark.line + 1, e.mark.column + 1, "", "invalid YAML: " + e.msg}));
  }
  if (!root.IsMap()) return config_error(path + ": the pipeline file must be a YAML mapping");
  for (const std::string& assignment : overrides) SLUICE_TRY(apply_override(root, assignment));
  if (size_t budget = kMaxValues; !within_bounds(root, 0, &budget)) {
    return config_error(path + ": the pipeline file nests deeper than " + std::to_string(kMaxDepth) +
                        " levels or its aliases expand to more than " + std::to_string(kMaxValues) +
                        " values");
  }

  std::vector<ConfigIssue> issues;
  expand_tree(root, "", &issues);
  ConfigJson top = type_and_validate(root, top_level_schema(), "", &issues);
  if (!issues.empty()) return issues_to_status(path, issues);

  PipelineSpec spec;
  spec.path = path;
  spec.name = top.value("name", base_name(path));
  spec.max_in_flight_rows = top.value("max_in_flight_rows", spec.max_in_flight_rows);
  spec.source = make_step(root["source"], "source", SLUICE_KIND_SOURCE, "", &issues);
  if (YAML::Node transforms = root["transforms"]; transforms && transforms.IsSequence()) {
    for (size_t i = 0; i < transforms.size(); ++i) {
      spec.transforms.push_back(make_step(transforms[i], "transforms[" + std::to_string(i) + "]",
                                          SLUICE_KIND_TRANSFORM, "", &issues));
    }
  }
  spec.sink = make_step(root["sink"], "sink", SLUICE_KIND_SINK, "", &issues);
  if (YAML::Node dlq = root["dead_letter"]; dlq && dlq.IsMap()) {
    spec.dead_letter = make_step(dlq, "dead_letter", SLUICE_KIND_SINK, "dead_letter", &issues);
  }
  check_unique_names(spec, &issues);
  if (!issues.empty()) return issues_to_status(path, issues);
  return spec;
}

}  // namespace sluice::core
