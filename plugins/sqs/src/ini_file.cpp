#include "ini_file_internal.h"

#include <algorithm>
#include <cctype>

namespace sluice::sqs {
namespace {

std::string_view trim(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

}  // namespace

IniFile parse_ini(std::string_view text) {
  IniFile file;
  IniSection* section = nullptr;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = std::min(text.find('\n', start), text.size());
    auto line = trim(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      auto close = line.find(']');
      section = close == std::string_view::npos ? nullptr : &file[std::string(trim(line.substr(1, close - 1)))];
      continue;
    }
    auto equals = line.find('=');
    if (section == nullptr || equals == std::string_view::npos) continue;
    (*section)[lowercase(trim(line.substr(0, equals)))] = std::string(trim(line.substr(equals + 1)));
  }
  return file;
}

}  // namespace sluice::sqs
