#include <ctime>

#include <nlohmann/json.hpp>

#include "credential_provider.h"

namespace sluice::sqs {
namespace {

Status malformed(std::string_view what, const std::string& detail) {
  return make_error(ErrorKind::kMalformed,
                    "unreadable credentials from " + std::string(what) + ": " + detail);
}

// The string at `key`, or "" when absent or not a string.
std::string string_field(const nlohmann::json& document, const char* key) {
  auto it = document.find(key);
  return it != document.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_aws_time(std::string_view text) {
  std::tm parts{};
  int consumed = 0;
  std::string copy(text);
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &parts.tm_year, &parts.tm_mon, &parts.tm_mday,
                  &parts.tm_hour, &parts.tm_min, &parts.tm_sec, &consumed) != 6 ||
      consumed != 19) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') rest.remove_prefix(1);
  }
  if (rest != "Z" && rest != "+00:00" && !rest.empty()) return std::nullopt;
  parts.tm_year -= 1900;
  parts.tm_mon -= 1;
  auto seconds = timegm(&parts);
  if (seconds == static_cast<std::time_t>(-1)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(seconds);
}

Result<IssuedCredentials> parse_credential_document(std::string_view json, std::string_view what) {
  auto document = nlohmann::json::parse(json, nullptr, false);
  if (document.is_discarded() || !document.is_object())
    return malformed(what, "the reply is not a JSON object");
  if (auto code = string_field(document, "Code"); !code.empty() && code != "Success") {
    return make_error(
        ErrorKind::kAuth,
        std::string(what) + " answered " + code +
            (document.contains("Message") ? ": " + string_field(document, "Message") : std::string()));
  }
  IssuedCredentials issued;
  issued.credentials.access_key_id = string_field(document, "AccessKeyId");
  issued.credentials.secret_access_key = string_field(document, "SecretAccessKey");
  issued.credentials.session_token = string_field(document, "Token");
  if (issued.credentials.session_token.empty())
    issued.credentials.session_token = string_field(document, "SessionToken");
  if (issued.credentials.access_key_id.empty() || issued.credentials.secret_access_key.empty()) {
    return malformed(what, "AccessKeyId or SecretAccessKey is missing");
  }
  auto expiration = string_field(document, "Expiration");
  if (!expiration.empty()) {
    issued.expiration = parse_aws_time(expiration);
    if (!issued.expiration)
      return malformed(what, "Expiration " + expiration + " is not an ISO 8601 UTC time");
  }
  return issued;
}

}  // namespace sluice::sqs
