// An Environment and a FileReader backed by maps, for resolution tests.
#pragma once

#include <map>
#include <string>

#include "environment.h"

namespace sluice::sqs::testing_support {

struct FakeSystem {
  std::map<std::string, std::string, std::less<>> variables;
  std::map<std::string, std::string> files;

  Environment environment() const {
    return [this](std::string_view name) -> std::optional<std::string> {
      auto it = variables.find(name);
      if (it == variables.end() || it->second.empty()) return std::nullopt;
      return it->second;
    };
  }

  FileReader file_reader() const {
    return [this](const std::string& path) -> std::optional<std::string> {
      auto it = files.find(path);
      if (it == files.end()) return std::nullopt;
      return it->second;
    };
  }
};

}  // namespace sluice::sqs::testing_support
