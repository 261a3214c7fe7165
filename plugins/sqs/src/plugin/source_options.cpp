#include "source_options.h"

#include <cstdint>
#include <string>

namespace sluice::sqs {
namespace {

// The host checks the schema's bounds before create, so the value fits.
int int_option(const sluice::Config& config, const char* key) {
  return static_cast<int>(config.require<std::int64_t>(key));
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
  options.wait_time_seconds = int_option(config, "wait_time_seconds");
  options.max_messages = int_option(config, "max_messages");
  options.concurrency = int_option(config, "concurrency");
  // No default: unset means the queue's own.
  if (config.has("visibility_timeout")) options.visibility_timeout = int_option(config, "visibility_timeout");
  options.max_retries = int_option(config, "max_retries");
  return options;
}

}  // namespace sluice::sqs
