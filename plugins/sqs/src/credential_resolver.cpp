#include "credential_resolver_internal.h"

#include <optional>

#include "ini_file_internal.h"

namespace sluice::sqs {
namespace {

Error config_error(std::string message) { return make_error(ErrorKind::kConfig, std::move(message)); }

// A secret file usually ends with a newline the secret does not contain.
std::string without_trailing_space(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '\t')) {
    text.pop_back();
  }
  return text;
}

// Reads the secret named by option `<name>_env` or `<name>_file`; empty
// when neither option is set.
Result<std::string> read_secret_option(std::string_view name, const std::string& env_var, const std::string& path,
                                       const Environment& environment, const FileReader& files) {
  if (!env_var.empty() && !path.empty()) {
    return config_error("set only one of " + std::string(name) + "_env and " + std::string(name) + "_file");
  }
  if (!env_var.empty()) {
    auto value = environment(env_var);
    if (!value) return config_error(std::string(name) + "_env names " + env_var + ", which is not set");
    return *value;
  }
  if (!path.empty()) {
    auto content = files(path);
    if (!content) return config_error(std::string(name) + "_file " + path + " cannot be read");
    auto value = without_trailing_space(std::move(*content));
    if (value.empty()) return config_error(std::string(name) + "_file " + path + " is empty");
    return value;
  }
  return std::string();
}

bool has_key_options(const CredentialOptions& options) {
  return !options.access_key_id.empty() || !options.secret_access_key_env.empty() ||
         !options.secret_access_key_file.empty() || !options.session_token_env.empty() ||
         !options.session_token_file.empty();
}

Result<ResolvedCredentials> from_options(const CredentialOptions& options, const Environment& environment,
                                         const FileReader& files) {
  if (options.access_key_id.empty()) {
    return config_error("a secret or session token option is set but access_key_id is not");
  }
  auto secret = read_secret_option("secret_access_key", options.secret_access_key_env, options.secret_access_key_file,
                                   environment, files);
  if (!secret) return secret.error();
  if (secret->empty()) return config_error("access_key_id is set: set secret_access_key_env or secret_access_key_file");
  auto token = read_secret_option("session_token", options.session_token_env, options.session_token_file,
                                  environment, files);
  if (!token) return token.error();
  return ResolvedCredentials{{options.access_key_id, std::move(secret).value(), std::move(token).value()},
                             "the step's options"};
}

std::optional<Result<ResolvedCredentials>> from_environment(const Environment& environment) {
  auto key_id = environment("AWS_ACCESS_KEY_ID");
  auto secret = environment("AWS_SECRET_ACCESS_KEY");
  if (!key_id && !secret) return std::nullopt;
  if (!key_id || !secret) {
    return config_error("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together; only " +
                        std::string(key_id ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") + " is");
  }
  return ResolvedCredentials{{*key_id, *secret, environment("AWS_SESSION_TOKEN").value_or("")}, "the environment"};
}

std::optional<std::string> credentials_file_path(const Environment& environment) {
  if (auto path = environment("AWS_SHARED_CREDENTIALS_FILE")) return path;
  if (auto home = environment("HOME")) return *home + "/.aws/credentials";
  return std::nullopt;
}

Result<ResolvedCredentials> from_profile(const std::string& profile, bool named_explicitly,
                                         const Environment& environment, const FileReader& files) {
  auto path = credentials_file_path(environment);
  auto content = path ? files(*path) : std::nullopt;
  if (!content) {
    if (!named_explicitly) {
      return config_error(
          "no AWS credentials: set access_key_id with secret_access_key_env, or AWS_ACCESS_KEY_ID and "
          "AWS_SECRET_ACCESS_KEY, or a profile in ~/.aws/credentials (AWS_PROFILE)");
    }
    return config_error("profile " + profile + " was asked for but " + path.value_or("~/.aws/credentials") +
                        " cannot be read");
  }
  auto sections = parse_ini(*content);
  auto section = sections.find(profile);
  if (section == sections.end()) return config_error("profile " + profile + " is not in " + *path);
  auto value = [&](const char* key) {
    auto it = section->second.find(key);
    return it == section->second.end() ? std::string() : it->second;
  };
  auto key_id = value("aws_access_key_id");
  auto secret = value("aws_secret_access_key");
  if (key_id.empty() || secret.empty()) {
    return config_error("profile " + profile + " in " + *path + " lacks aws_access_key_id or aws_secret_access_key");
  }
  return ResolvedCredentials{{key_id, secret, value("aws_session_token")}, "profile " + profile + " in " + *path};
}

}  // namespace

Result<ResolvedCredentials> resolve_credentials(const CredentialOptions& options, const Environment& environment,
                                                const FileReader& files) {
  if (has_key_options(options)) return from_options(options, environment, files);
  if (!options.profile.empty()) return from_profile(options.profile, true, environment, files);
  if (auto from_env = from_environment(environment)) return std::move(*from_env);
  auto profile = environment("AWS_PROFILE");
  return from_profile(profile.value_or("default"), profile.has_value(), environment, files);
}

}  // namespace sluice::sqs
