#include "source_options.h"

#include <cstdint>
#include <string>

namespace sluice::sqs {
namespace {

// The host checks the schema's bounds before create; this check stays for
// callers that build a Config themselves (the unit tests), and names the
// same bounds the schema states.
int bounded(const sluice::Config& config, const char* key, int minimum, int maximum) {
  auto value = config.require<std::int64_t>(key);
  if (value < minimum || value > maximum) {
    throw sluice::ConfigError("option '" + std::string(key) + "' must be between " + std::to_string(minimum) +
                              " and " + std::to_string(maximum));
  }
  return static_cast<int>(value);
}

ProtocolKind protocol_of(const sluice::Config& config) {
  auto name = config.require<std::string>("protocol");
  if (name == "json") return ProtocolKind::kJson;
  if (name == "query") return ProtocolKind::kQuery;
  throw sluice::ConfigError("option 'protocol' must be json or query");
}

// `<option>` names an environment variable: checked by the SDK's rule
// (sluice/detail/secret_checks.hpp) so that a secret pasted there is
// reported without being echoed.
std::string variable_name(const sluice::Config& config, const char* option) {
  std::string name = config.string(option);
  if (!name.empty() && !sluice::looks_like_variable_name(name)) {
    throw sluice::ConfigError(
        "option '" + std::string(option) +
        "' looks like a secret, not the name of an environment variable (its value is not shown)");
  }
  return name;
}

// `<option>` names a file holding a secret: a path, private to its owner.
std::string secret_path(const sluice::Config& config, const char* option) {
  std::string path = config.string(option);
  if (path.empty()) return path;
  if (!sluice::looks_like_path(path)) {
    throw sluice::ConfigError("option '" + std::string(option) +
                              "' looks like a secret, not a file's path (its value is not shown)");
  }
  if (std::string problem = sluice::secret_file_permission_problem(path); !problem.empty()) {
    throw sluice::ConfigError("option '" + std::string(option) + "': file " + path + " " + problem);
  }
  return path;
}

}  // namespace

SourceOptions parse_source_options(const sluice::Config& config) {
  SourceOptions options;
  options.endpoint = EndpointOptions{config.require<std::string>("queue_url"), config.string("endpoint"),
                                     config.string("region")};
  options.credentials = CredentialOptions{config.string("access_key_id"),
                                          variable_name(config, "secret_access_key_env"),
                                          secret_path(config, "secret_access_key_file"),
                                          variable_name(config, "session_token_env"),
                                          secret_path(config, "session_token_file"),
                                          config.string("profile"),
                                          config.string("role_arn"),
                                          config.string("external_id"),
                                          config.string("role_session_name")};
  options.protocol = protocol_of(config);
  options.wait_time_seconds = bounded(config, "wait_time_seconds", 0, 20);
  options.max_messages = bounded(config, "max_messages", 1, 10);
  options.concurrency = bounded(config, "concurrency", 1, 64);
  // No default: unset means the queue's own.
  if (config.has("visibility_timeout"))
    options.visibility_timeout = bounded(config, "visibility_timeout", 1, 43200);
  options.max_retries = bounded(config, "max_retries", 0, 20);
  return options;
}

}  // namespace sluice::sqs
