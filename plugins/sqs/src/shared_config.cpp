#include "shared_config.h"

namespace sluice::sqs {
namespace {

std::string path_of(const Environment& environment, const char* variable, const char* file_name) {
  if (auto path = environment(variable)) return *path;
  return environment("HOME").value_or("~") + "/.aws/" + file_name;
}

}  // namespace

SharedProfiles SharedProfiles::load(const Environment& environment, const FileReader& files) {
  SharedProfiles profiles;
  profiles.config_path_ = path_of(environment, "AWS_CONFIG_FILE", "config");
  profiles.credentials_path_ = path_of(environment, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
  if (auto content = files(profiles.config_path_)) {
    profiles.config_ = parse_ini(*content);
    profiles.config_read_ = true;
  }
  if (auto content = files(profiles.credentials_path_)) {
    profiles.credentials_ = parse_ini(*content);
    profiles.credentials_read_ = true;
  }
  return profiles;
}

std::optional<ProfileSettings> SharedProfiles::profile(const std::string& name) const {
  const IniSection* from_config = nullptr;
  if (auto it = config_.find("profile " + name); it != config_.end()) {
    from_config = &it->second;
  } else if (auto plain = config_.find(name); plain != config_.end() && name == "default") {
    from_config = &plain->second;
  }
  auto in_credentials = credentials_.find(name);
  const IniSection* from_credentials =
      in_credentials == credentials_.end() ? nullptr : &in_credentials->second;
  if (from_config == nullptr && from_credentials == nullptr) return std::nullopt;
  ProfileSettings settings;
  if (from_config != nullptr) settings.values = *from_config;
  if (from_credentials != nullptr) {
    for (const auto& [key, value] : *from_credentials) settings.values[key] = value;
  }
  bool keys_from_credentials = from_credentials != nullptr && from_credentials->contains("aws_access_key_id");
  settings.origin = keys_from_credentials || from_config == nullptr ? credentials_path_ : config_path_;
  return settings;
}

std::string SharedProfiles::describe_files(const char* conjunction) const {
  return config_path_ + conjunction + credentials_path_;
}

}  // namespace sluice::sqs
