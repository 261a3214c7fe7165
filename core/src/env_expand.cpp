#include "env_expand.h"

#include <cstdlib>

namespace sluice::core {
namespace {

bool valid_variable_name(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> get_env(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

Result<std::string> expand_variables(std::string_view text, const EnvLookup& lookup) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {
      out += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      out += text[i++];
      continue;
    }
    size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      return config_error("unterminated ${ in '" + std::string(text) + "'");
    }
    std::string_view inner = text.substr(i + 2, close - i - 2);
    size_t sep = inner.find(":-");
    std::string name(inner.substr(0, sep));
    if (!valid_variable_name(name)) {
      return config_error("'${" + std::string(inner) + "}' is not a valid variable reference");
    }
    std::optional<std::string> value = lookup(name);
    if (sep != std::string_view::npos) {
      if (!value || value->empty()) value = std::string(inner.substr(sep + 2));
    } else if (!value) {
      return config_error("environment variable " + name + " is not set and has no default (write ${" + name +
                          ":-default} to give one)");
    }
    out += *value;
    i = close + 1;
  }
  return out;
}

}  // namespace sluice::core
