// Access to environment variables and files, passed in so that credential
// and endpoint resolution can be tested without touching the process.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::sqs {

// The value of a variable; unset and empty both read as nullopt, as the AWS
// SDKs treat them.
using Environment = std::function<std::optional<std::string>(std::string_view name)>;

// The whole content of a file, or nullopt when it cannot be read.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;

Environment process_environment();
FileReader local_files();

}  // namespace sluice::sqs
