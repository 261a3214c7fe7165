#include "credential_resolver.h"

#include <optional>
#include <set>
#include <vector>

#include <sluice/support/secret.hpp>

#include "metadata_providers.h"
#include "shared_config.h"
#include "sts_providers.h"

namespace sluice::sqs {
namespace {

using ProviderPtr = std::shared_ptr<CredentialProvider>;
// nullopt: this source is not configured, look further.
using Found = std::optional<Result<ProviderPtr>>;

// A role_arn / source_profile chain longer than this is a loop or a mistake.
constexpr std::size_t kMaxProfileChain = 8;

Status config_error(std::string message) { return make_error(ErrorKind::kConfig, std::move(message)); }

ProviderPtr static_provider(std::string name, AwsCredentials credentials) {
  return std::make_shared<StaticCredentialProvider>(std::move(name), std::move(credentials));
}

// Reads the secret named by option `<name>_env` or `<name>_file` through the
// SDK's one secret reader (surrounding whitespace trimmed, empty refused);
// empty when neither option is set.
Result<std::string> read_secret_option(std::string_view name, const std::string& env_var,
                                       const std::string& path) {
  if (!env_var.empty() && !path.empty()) {
    return config_error("set only one of " + std::string(name) + "_env and " + std::string(name) + "_file");
  }
  if (env_var.empty() && path.empty()) return std::string();
  const bool from_env = !env_var.empty();
  auto secret = from_env ? support::read_secret_from_env(env_var) : support::read_secret_from_file(path);
  if (!secret.ok())
    return config_error(std::string(name) + (from_env ? "_env: " : "_file: ") + secret.status().message());
  return std::string(secret->view());
}

bool has_key_options(const CredentialOptions& options) {
  return !options.access_key_id.empty() || !options.secret_access_key_env.empty() ||
         !options.secret_access_key_file.empty() || !options.session_token_env.empty() ||
         !options.session_token_file.empty();
}

Result<ProviderPtr> from_options(const CredentialOptions& options) {
  if (options.access_key_id.empty()) {
    return config_error("a secret or session token option is set but access_key_id is not");
  }
  SLUICE_ASSIGN_OR_RETURN(auto secret, read_secret_option("secret_access_key", options.secret_access_key_env,
                                                          options.secret_access_key_file));
  if (secret.empty())
    return config_error("access_key_id is set: set secret_access_key_env or secret_access_key_file");
  SLUICE_ASSIGN_OR_RETURN(
      auto token, read_secret_option("session_token", options.session_token_env, options.session_token_file));
  return static_provider("the step's options", {options.access_key_id, std::move(secret), std::move(token)});
}

Found from_environment_keys(const Environment& environment) {
  auto key_id = environment("AWS_ACCESS_KEY_ID");
  auto secret = environment("AWS_SECRET_ACCESS_KEY");
  if (!key_id && !secret) return std::nullopt;
  if (!key_id || !secret) {
    return Result<ProviderPtr>(
        config_error("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together; only " +
                     std::string(key_id ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") + " is"));
  }
  return Result<ProviderPtr>(
      static_provider("the environment", {*key_id, *secret, environment("AWS_SESSION_TOKEN").value_or("")}));
}

Result<StsClient> sts_client(const CredentialSystem& system) {
  SLUICE_ASSIGN_OR_RETURN(auto endpoint, resolve_sts_endpoint(system.environment, system.region));
  return StsClient(std::move(endpoint), system.region, system.http);
}

Result<ProviderPtr> web_identity(const std::string& role_arn, const std::string& session_name,
                                 const std::string& token_file, const CredentialSystem& system,
                                 std::string origin) {
  SLUICE_ASSIGN_OR_RETURN(auto sts, sts_client(system));
  return ProviderPtr(std::make_shared<WebIdentityProvider>(
      std::move(sts), role_arn, session_name.empty() ? default_session_name() : session_name, token_file,
      system.files, std::move(origin)));
}

Found from_web_identity_environment(const CredentialSystem& system) {
  auto token_file = system.environment("AWS_WEB_IDENTITY_TOKEN_FILE");
  auto role_arn = system.environment("AWS_ROLE_ARN");
  if (!token_file && !role_arn) return std::nullopt;
  if (!token_file || !role_arn) {
    return Result<ProviderPtr>(
        config_error("AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN must be set together; only " +
                     std::string(token_file ? "AWS_WEB_IDENTITY_TOKEN_FILE" : "AWS_ROLE_ARN") + " is"));
  }
  return web_identity(*role_arn, system.environment("AWS_ROLE_SESSION_NAME").value_or(""), *token_file,
                      system, "AWS_WEB_IDENTITY_TOKEN_FILE");
}

Result<ProviderPtr> imds_provider(const CredentialSystem& system) {
  auto settings = imds_settings(system.environment);
  if (!settings)
    return config_error("credential_source Ec2InstanceMetadata, but AWS_EC2_METADATA_DISABLED is true");
  return ProviderPtr(std::make_shared<ImdsCredentialProvider>(*settings, system.http));
}

// credential_source of a profile with role_arn: where the caller's keys come from.
Result<ProviderPtr> credential_source(const std::string& source, const std::string& profile,
                                      const CredentialSystem& system) {
  if (source == "Environment") {
    auto found = from_environment_keys(system.environment);
    if (!found)
      return config_error("profile " + profile +
                          ": credential_source Environment, but AWS_ACCESS_KEY_ID is not set");
    return std::move(*found);
  }
  if (source == "EcsContainer") {
    auto found = ContainerCredentialProvider::from_environment(system.environment, system.files, system.http);
    if (!found) {
      return config_error(
          "profile " + profile +
          ": credential_source EcsContainer, but AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not set");
    }
    SLUICE_TRY(*found);
    return ProviderPtr(std::move(found->value()));
  }
  if (source == "Ec2InstanceMetadata") return imds_provider(system);
  return config_error("profile " + profile +
                      ": credential_source must be Environment, EcsContainer or "
                      "Ec2InstanceMetadata, not " +
                      source);
}

std::optional<int> duration_of(const IniSection& values) {
  auto it = values.find("duration_seconds");
  if (it == values.end()) return std::nullopt;
  try {
    return std::stoi(it->second);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

class ProfileResolver {
 public:
  ProfileResolver(const SharedProfiles& profiles, const CredentialSystem& system)
      : profiles_(profiles), system_(system) {}

  // nullopt when the profile is in neither file or sets no credentials.
  Found resolve(const std::string& name) {
    auto settings = profiles_.profile(name);
    if (!settings) return std::nullopt;
    return from_settings(name, *settings);
  }

 private:
  Found from_settings(const std::string& name, const ProfileSettings& settings) {
    auto value = [&](const char* key) {
      auto it = settings.values.find(key);
      return it == settings.values.end() ? std::string() : it->second;
    };
    auto where = "profile " + name + " in " + settings.origin;
    if (!value("role_arn").empty()) return Found(assume_role(name, settings, value("role_arn")));
    if (!value("web_identity_token_file").empty()) {
      return Found(config_error(where + ": web_identity_token_file needs role_arn"));
    }
    if (!value("credential_process").empty()) {
      return Found(ProviderPtr(
          std::make_shared<ProcessCredentialProvider>(value("credential_process"), name, system_.run)));
    }
    auto key_id = value("aws_access_key_id");
    auto secret = value("aws_secret_access_key");
    if (key_id.empty() && secret.empty()) return std::nullopt;
    if (key_id.empty() || secret.empty()) {
      return Found(config_error(where + " lacks aws_access_key_id or aws_secret_access_key"));
    }
    return Found(static_provider(where, {key_id, secret, value("aws_session_token")}));
  }

  Result<ProviderPtr> assume_role(const std::string& name, const ProfileSettings& settings,
                                  const std::string& role_arn) {
    auto value = [&](const char* key) {
      auto it = settings.values.find(key);
      return it == settings.values.end() ? std::string() : it->second;
    };
    auto where = "profile " + name + " in " + settings.origin;
    if (!value("web_identity_token_file").empty()) {
      return web_identity(role_arn, value("role_session_name"), value("web_identity_token_file"), system_,
                          "profile " + name);
    }
    SLUICE_ASSIGN_OR_RETURN(auto source,
                            caller_of(name, settings, value("source_profile"), value("credential_source")));
    SLUICE_ASSIGN_OR_RETURN(auto sts, sts_client(system_));
    AssumeRoleRequest request{
        role_arn, value("role_session_name").empty() ? default_session_name() : value("role_session_name"),
        value("external_id"), duration_of(settings.values)};
    return ProviderPtr(
        std::make_shared<AssumeRoleProvider>(std::move(sts), std::move(request), std::move(source)));
  }

  // Whose keys sign the AssumeRole of profile `name`.
  Result<ProviderPtr> caller_of(const std::string& name, const ProfileSettings& settings,
                                const std::string& source_profile,
                                const std::string& credential_source_name) {
    auto where = "profile " + name + " in " + settings.origin;
    if (!source_profile.empty() && !credential_source_name.empty()) {
      return config_error(where + " sets both source_profile and credential_source");
    }
    if (!credential_source_name.empty()) return credential_source(credential_source_name, name, system_);
    if (source_profile.empty()) {
      return config_error(where +
                          ": role_arn needs source_profile, credential_source or web_identity_token_file");
    }
    if (source_profile == name) {
      // A profile may sign its own AssumeRole with its own static keys.
      auto keys = settings;
      keys.values.erase("role_arn");
      auto found = from_settings(name, keys);
      if (!found) return config_error(where + ": source_profile is itself but it has no aws_access_key_id");
      return std::move(*found);
    }
    if (!visited_.insert(name).second || visited_.size() > kMaxProfileChain) {
      return config_error(where + ": source_profile " + source_profile +
                          " leads back to a profile already used");
    }
    if (visited_.contains(source_profile)) {
      return config_error(where + ": source_profile " + source_profile +
                          " leads back to a profile already used");
    }
    auto found = resolve(source_profile);
    if (!found) {
      return config_error(where + ": source_profile " + source_profile + " is not in " +
                          profiles_.describe_files() + " or sets no credentials");
    }
    return std::move(*found);
  }

  const SharedProfiles& profiles_;
  const CredentialSystem& system_;
  std::set<std::string> visited_;
};

Found from_profile(const std::string& profile, bool named_explicitly, const CredentialSystem& system) {
  auto profiles = SharedProfiles::load(system.environment, system.files);
  ProfileResolver resolver(profiles, system);
  auto found = resolver.resolve(profile);
  if (found || !named_explicitly) return found;
  if (!profiles.any_file()) {
    return Result<ProviderPtr>(config_error("profile " + profile + " was asked for but neither " +
                                            profiles.describe_files(" nor ") + " can be read"));
  }
  if (!profiles.profile(profile)) {
    return Result<ProviderPtr>(
        config_error("profile " + profile + " is not in " + profiles.describe_files()));
  }
  return Result<ProviderPtr>(config_error("profile " + profile + " in " + profiles.describe_files() +
                                          " lacks aws_access_key_id or aws_secret_access_key (and sets no "
                                          "role_arn or credential_process)"));
}

// A configured provider that cannot give credentials is an error naming it.
Result<ResolvedCredentials> first_set(Result<ProviderPtr> provider) {
  SLUICE_TRY(provider);
  auto issued = (*provider)->fetch();
  if (!issued.ok()) return issued.status().with_context("no AWS credentials from " + (*provider)->name());
  auto name = (*provider)->name();
  return ResolvedCredentials{std::move(provider).value(), std::move(issued).value(), std::move(name)};
}

Result<ResolvedCredentials> default_chain(const CredentialOptions& options, const CredentialSystem& system) {
  if (has_key_options(options)) return first_set(from_options(options));
  if (!options.profile.empty())
    return first_set(std::move(from_profile(options.profile, true, system)).value());
  if (auto found = from_environment_keys(system.environment)) return first_set(std::move(*found));
  if (auto found = from_web_identity_environment(system)) return first_set(std::move(*found));
  auto profile = system.environment("AWS_PROFILE");
  if (auto found = from_profile(profile.value_or("default"), profile.has_value(), system)) {
    return first_set(std::move(*found));
  }
  if (auto found =
          ContainerCredentialProvider::from_environment(system.environment, system.files, system.http)) {
    SLUICE_TRY(*found);
    return first_set(ProviderPtr(std::move(found->value())));
  }
  std::vector<std::string> looked{
      "the step's options (access_key_id, profile)", "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY",
      "web identity (AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN)",
      "profile " + profile.value_or("default") + " in " +
          SharedProfiles::load(system.environment, system.files).describe_files(),
      "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI)"};
  if (auto settings = imds_settings(system.environment)) {
    auto imds = std::make_shared<ImdsCredentialProvider>(*settings, system.http);
    auto issued = imds->fetch();
    if (issued.ok()) return ResolvedCredentials{imds, std::move(issued).value(), imds->name()};
    looked.push_back(imds->name() + ": " + issued.status().message());
  } else {
    looked.emplace_back("EC2 instance metadata: disabled by AWS_EC2_METADATA_DISABLED");
  }
  std::string message = "no AWS credentials found; looked in:";
  for (const auto& place : looked) message += "\n  - " + place;
  return config_error(message);
}

}  // namespace

CredentialSystem process_credential_system(std::string region) {
  return CredentialSystem{process_environment(), local_files(), curl_fetch(), shell_runner(),
                          std::move(region)};
}

Result<ResolvedCredentials> resolve_credentials(const CredentialOptions& options,
                                                const CredentialSystem& system) {
  if (options.role_arn.empty() && (!options.external_id.empty() || !options.role_session_name.empty())) {
    return config_error("external_id and role_session_name need role_arn");
  }
  auto base = default_chain(options, system);
  if (!base.ok() || options.role_arn.empty()) return base;
  SLUICE_ASSIGN_OR_RETURN(auto sts, sts_client(system));
  AssumeRoleRequest request{
      options.role_arn,
      options.role_session_name.empty() ? default_session_name() : options.role_session_name,
      options.external_id};
  return first_set(ProviderPtr(
      std::make_shared<AssumeRoleProvider>(std::move(sts), std::move(request), std::move(base->provider))));
}

}  // namespace sluice::sqs
