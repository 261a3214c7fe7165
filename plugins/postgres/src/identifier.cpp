#include "identifier.h"

namespace sluice::postgres {

std::string quote_identifier(std::string_view name) {
  std::string quoted;
  quoted.reserve(name.size() + 2);
  quoted.push_back('"');
  for (char c : name) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

TableName TableName::parse(std::string_view option) {
  size_t dot = option.find('.');
  if (dot == std::string_view::npos) return {std::nullopt, std::string(option)};
  return {std::string(option.substr(0, dot)), std::string(option.substr(dot + 1))};
}

std::string TableName::quoted() const {
  if (!schema) return quote_identifier(name);
  return quote_identifier(*schema) + "." + quote_identifier(name);
}

std::string TableName::display() const { return schema ? *schema + "." + name : name; }

}  // namespace sluice::postgres
