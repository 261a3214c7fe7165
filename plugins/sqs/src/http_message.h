// An HTTP request and reply as the SQS client builds and reads them,
// independent of the library that carries them.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "url.h"

namespace sluice::sqs {

struct HttpHeader {
  std::string name;
  std::string value;
};

using HttpHeaders = std::vector<HttpHeader>;

// The value of the first header named `name` (case-insensitive), or nullptr.
const std::string* find_header(const HttpHeaders& headers, std::string_view name);
// Removes every header named `name` (case-insensitive).
void remove_header(HttpHeaders& headers, std::string_view name);
// Replaces every header named `name` with one holding `value`.
void set_header(HttpHeaders& headers, std::string_view name, std::string value);

struct HttpRequest {
  std::string method = "POST";
  Url url;
  HttpHeaders headers;
  std::string body;
  // The whole exchange, connect to last byte; a long poll needs its wait
  // time on top of the usual allowance.
  std::chrono::milliseconds timeout{30000};
};

struct HttpResponse {
  long status = 0;
  HttpHeaders headers;
  std::string body;
};

}  // namespace sluice::sqs
