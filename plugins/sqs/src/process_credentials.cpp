#include "process_credentials.h"

#include <sys/wait.h>

#include <cstdio>

#include <nlohmann/json.hpp>

namespace sluice::sqs {
namespace {

// Far more than a credential document; a runaway command is cut off.
constexpr std::size_t kMaxOutputBytes = 64 * 1024;

}  // namespace

CommandRunner shell_runner() {
  return [](const std::string& command) -> Result<std::string> {
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return make_error(ErrorKind::kConfig, "credential_process could not be started");
    std::string output;
    char buffer[4096];
    std::size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
      if (output.size() + read > kMaxOutputBytes) break;
      output.append(buffer, read);
    }
    int status = ::pclose(pipe);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      wipe_secret(output);
      return make_error(ErrorKind::kConfig, "credential_process failed (" +
                                                (status != -1 && WIFEXITED(status)
                                                     ? "exit status " + std::to_string(WEXITSTATUS(status))
                                                     : std::string("killed or not run")) +
                                                ")");
    }
    return output;
  };
}

std::string ProcessCredentialProvider::name() const { return "credential_process of profile " + profile_; }

Result<IssuedCredentials> ProcessCredentialProvider::fetch() {
  auto output = run_(command_);
  if (!output.ok()) return output.status().with_context(name());
  auto document = nlohmann::json::parse(*output, nullptr, false);
  if (!document.is_object() || !document.contains("Version") || document["Version"] != 1) {
    wipe_secret(*output);
    return make_error(ErrorKind::kConfig,
                      name() + ": the command's output is not a JSON object with \"Version\": 1");
  }
  auto issued = parse_credential_document(*output, name());
  wipe_secret(*output);
  if (!issued.ok()) return make_error(ErrorKind::kConfig, issued.status().message());
  return issued;
}

}  // namespace sluice::sqs
