// The AWS shared config and credentials files, read together as the AWS
// CLI does: the config file (AWS_CONFIG_FILE, else ~/.aws/config) names
// profiles "[profile NAME]" (and "[default]"), the credentials file
// (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials) names them
// "[NAME]"; a key in the credentials file wins over the same key in config.
#pragma once

#include <optional>
#include <string>

#include "environment.h"
#include "ini_file.h"

namespace sluice::sqs {

struct ProfileSettings {
  IniSection values;
  // The file that gave aws_access_key_id, else the one that gave anything.
  std::string origin;
};

class SharedProfiles {
 public:
  static SharedProfiles load(const Environment& environment, const FileReader& files);

  // nullopt when neither file has the profile.
  std::optional<ProfileSettings> profile(const std::string& name) const;
  // Whether either file could be read at all.
  bool any_file() const { return config_read_ || credentials_read_; }
  // "/home/op/.aws/config and /home/op/.aws/credentials", for messages.
  std::string describe_files(const char* conjunction = " and ") const;
  const std::string& config_path() const { return config_path_; }
  const std::string& credentials_path() const { return credentials_path_; }

 private:
  IniFile config_;
  IniFile credentials_;
  std::string config_path_;
  std::string credentials_path_;
  bool config_read_ = false;
  bool credentials_read_ = false;
};

}  // namespace sluice::sqs
