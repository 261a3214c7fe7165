#include "masker_options.h"

#include "key_id.h"

namespace sluice::maskers {

namespace {

// The SDK's rules (sluice/detail/secret_checks.hpp): a secret where a name
// or path belongs is reported without being echoed, and a key file others
// can read is refused.
SecretSource environment_source(const sluice::Config& config, const std::string& option) {
  std::string variable = config.require<std::string>(option);
  if (!sluice::looks_like_variable_name(variable)) {
    throw sluice::ConfigError("option '" + option +
                              "' looks like a secret, not the name of an environment variable "
                              "(its value is not shown)");
  }
  return SecretSource::environment(std::move(variable));
}

SecretSource file_source(const sluice::Config& config, const std::string& option) {
  std::string path = config.require<std::string>(option);
  if (!sluice::looks_like_path(path)) {
    throw sluice::ConfigError("option '" + option +
                              "' looks like a secret, not a file's path (its value is not shown)");
  }
  if (std::string problem = sluice::secret_file_permission_problem(path); !problem.empty()) {
    throw sluice::ConfigError("option '" + option + "': file " + path + " " + problem);
  }
  return SecretSource::file(std::move(path));
}

}  // namespace

std::optional<SecretSource> read_secret_source(const sluice::Config& config, std::string_view name) {
  const std::string env_option = std::string(name) + "_env";
  const std::string file_option = std::string(name) + "_file";
  const bool from_env = config.has(env_option);
  const bool from_file = config.has(file_option);
  if (from_env && from_file) {
    throw sluice::ConfigError("give only one of '" + env_option + "' and '" + file_option + "'");
  }
  if (from_env) return environment_source(config, env_option);
  if (from_file) return file_source(config, file_option);
  return std::nullopt;
}

SecretBytes read_required_secret(const sluice::Config& config, std::string_view name,
                                 support::Result<SecretBytes> (*load)(const SecretSource&)) {
  const std::optional<SecretSource> source = read_secret_source(config, name);
  if (!source) {
    throw sluice::ConfigError("one of '" + std::string(name) + "_env' or '" + std::string(name) +
                              "_file' is required");
  }
  support::Result<SecretBytes> secret = load(*source);
  sluice::throw_if_error(secret.status().with_context("option '" + std::string(name) + "'"));
  return std::move(secret).value();
}

std::string read_key_prefix(const sluice::Config& config) {
  if (!config.has("key_id")) return "";
  const std::string key_id = config.require<std::string>("key_id");
  sluice::throw_if_error(check_key_id(key_id).with_context("option 'key_id'"));
  return key_prefix(key_id);
}

DigestText read_digest_text(const sluice::Config& config) {
  const std::optional<DigestEncoding> encoding =
      parse_digest_encoding(config.require<std::string>("encoding"));
  if (!encoding) throw sluice::ConfigError("option 'encoding' must be hex or base64url");
  return DigestText(*encoding, read_key_prefix(config));
}

}  // namespace sluice::maskers
