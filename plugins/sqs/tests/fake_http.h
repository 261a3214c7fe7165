// An HttpFetch that answers from a table of (method, path) -> reply and
// records every request, for the credential providers' tests.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "http_fetch.h"

namespace sluice::sqs::testing_support {

struct FakeHttp {
  // Keyed by "METHOD path"; a missing key answers a network error.
  std::map<std::string, HttpResponse> replies;
  std::vector<HttpRequest> requests;
  std::mutex mutex;

  void answer(const std::string& method, const std::string& path, long status, std::string body) {
    std::lock_guard lock(mutex);
    replies[method + " " + path] = HttpResponse{status, {}, std::move(body)};
  }

  HttpFetch fetch() {
    return [this](const HttpRequest& request) -> Result<HttpResponse> {
      std::lock_guard lock(mutex);
      auto key = request.method + " " + request.url.path;
      requests.push_back(request);
      auto it = replies.find(key);
      if (it == replies.end()) return make_error(ErrorKind::kNetwork, "Connection refused (curl error 7)");
      return it->second;
    };
  }

  std::size_t count(const std::string& method, const std::string& path) {
    std::lock_guard lock(mutex);
    std::size_t n = 0;
    for (const auto& request : requests) n += request.method == method && request.url.path == path;
    return n;
  }
};

// The XML STS sends for AssumeRole / AssumeRoleWithWebIdentity.
inline std::string sts_reply(const std::string& action, const std::string& key_id, const std::string& secret,
                             const std::string& token,
                             const std::string& expiration = "2099-01-01T00:00:00Z") {
  return "<" + action + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><" + action +
         "Result><Credentials><AccessKeyId>" + key_id + "</AccessKeyId><SecretAccessKey>" + secret +
         "</SecretAccessKey><SessionToken>" + token + "</SessionToken><Expiration>" + expiration +
         "</Expiration></Credentials></" + action + "Result></" + action + "Response>";
}

// The JSON of IMDS, the container endpoint and credential_process.
inline std::string credential_json(const std::string& key_id, const std::string& secret,
                                   const std::string& token,
                                   const std::string& expiration = "2099-01-01T00:00:00Z") {
  return "{\"Version\": 1, \"Code\": \"Success\", \"AccessKeyId\": \"" + key_id +
         "\", \"SecretAccessKey\": \"" + secret + "\", \"Token\": \"" + token + "\", \"Expiration\": \"" +
         expiration + "\"}";
}

}  // namespace sluice::sqs::testing_support
