#include "request_fields.h"

namespace sqs_server {
namespace {

ClientError invalid(const std::string& message) { return ClientError("InvalidParameterValue", message); }

}  // namespace

RequestFields RequestFields::parse(std::string_view body) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) body = "{}";
  if (parser.parse(body.data(), body.size()).get_object().get(object) != simdjson::SUCCESS) {
    throw ClientError("SerializationException", "the request body is not a JSON object");
  }
  return RequestFields(object);
}

std::string_view RequestFields::required_string(const char* key) const {
  auto value = optional_string(key);
  if (!value) throw ClientError("MissingParameter", std::string("the request must contain ") + key);
  return *value;
}

std::optional<std::string_view> RequestFields::optional_string(const char* key) const {
  simdjson::dom::element element;
  if (object_[key].get(element) != simdjson::SUCCESS || element.is_null()) return std::nullopt;
  std::string_view text;
  if (element.get_string().get(text) != simdjson::SUCCESS)
    throw invalid(std::string(key) + " must be a string");
  return text;
}

std::optional<std::int64_t> RequestFields::optional_integer(const char* key, std::int64_t min,
                                                            std::int64_t max) const {
  simdjson::dom::element element;
  if (object_[key].get(element) != simdjson::SUCCESS || element.is_null()) return std::nullopt;
  std::int64_t value = 0;
  std::string_view text;
  if (element.get_int64().get(value) != simdjson::SUCCESS) {
    // The query protocol's habit of numbers as strings, accepted here too.
    if (element.get_string().get(text) != simdjson::SUCCESS || text.empty()) {
      throw invalid(std::string(key) + " must be an integer");
    }
    try {
      value = std::stoll(std::string(text));
    } catch (const std::exception&) {
      throw invalid(std::string(key) + " must be an integer");
    }
  }
  if (value < min || value > max) {
    throw invalid(std::string(key) + " must be between " + std::to_string(min) + " and " +
                  std::to_string(max));
  }
  return value;
}

std::optional<simdjson::dom::array> RequestFields::optional_array(const char* key) const {
  simdjson::dom::element element;
  if (object_[key].get(element) != simdjson::SUCCESS || element.is_null()) return std::nullopt;
  simdjson::dom::array array;
  if (element.get_array().get(array) != simdjson::SUCCESS)
    throw invalid(std::string(key) + " must be a list");
  return array;
}

std::optional<simdjson::dom::object> RequestFields::optional_object(const char* key) const {
  simdjson::dom::element element;
  if (object_[key].get(element) != simdjson::SUCCESS || element.is_null()) return std::nullopt;
  simdjson::dom::object object;
  if (element.get_object().get(object) != simdjson::SUCCESS)
    throw invalid(std::string(key) + " must be a map");
  return object;
}

bool names_attribute(const std::optional<simdjson::dom::array>& names, std::string_view name) {
  if (!names) return false;
  for (auto element : *names) {
    std::string_view text;
    if (element.get_string().get(text) == simdjson::SUCCESS && (text == name || text == "All")) return true;
  }
  return false;
}

}  // namespace sqs_server
