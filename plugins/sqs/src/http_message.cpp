#include "http_message.h"

#include <strings.h>
#include <algorithm>

namespace sluice::sqs {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

const std::string* find_header(const HttpHeaders& headers, std::string_view name) {
  for (const auto& header : headers) {
    if (same_name(header.name, name)) return &header.value;
  }
  return nullptr;
}

void remove_header(HttpHeaders& headers, std::string_view name) {
  std::erase_if(headers, [&](const HttpHeader& header) { return same_name(header.name, name); });
}

void set_header(HttpHeaders& headers, std::string_view name, std::string value) {
  remove_header(headers, name);
  headers.push_back({std::string(name), std::move(value)});
}

}  // namespace sluice::sqs
