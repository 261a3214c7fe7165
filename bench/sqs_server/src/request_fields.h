// Reading a JSON request body: typed members, and the AWS error a client
// gets when one is missing or wrong.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace sqs_server {

// An error the client caused: HTTP 400 with this code.
struct ClientError : std::runtime_error {
  ClientError(std::string code, const std::string& message, std::string query_error = {})
      : std::runtime_error(message), code(std::move(code)), query_error(std::move(query_error)) {}
  std::string code;
  std::string query_error;
};

class RequestFields {
 public:
  // Parses `body` with this thread's parser: the fields read stay valid
  // until the thread parses the next request.
  static RequestFields parse(std::string_view body);
  explicit RequestFields(simdjson::dom::object object) : object_(object) {}

  std::string_view required_string(const char* key) const;
  std::optional<std::string_view> optional_string(const char* key) const;
  std::optional<std::int64_t> optional_integer(const char* key, std::int64_t min, std::int64_t max) const;
  std::optional<simdjson::dom::array> optional_array(const char* key) const;
  std::optional<simdjson::dom::object> optional_object(const char* key) const;

 private:
  simdjson::dom::object object_;
};

// A string-valued array member holds `name` (or "All").
bool names_attribute(const std::optional<simdjson::dom::array>& names, std::string_view name);

}  // namespace sqs_server
