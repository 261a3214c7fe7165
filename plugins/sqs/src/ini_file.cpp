#include "ini_file.h"

#include <algorithm>

#include <sluice/support/ascii.hpp>

namespace sluice::sqs {

using support::ascii_lowercase;
using support::trim_ascii_space;

IniFile parse_ini(std::string_view text) {
  IniFile file;
  IniSection* section = nullptr;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = std::min(text.find('\n', start), text.size());
    auto line = trim_ascii_space(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      auto close = line.find(']');
      section = close == std::string_view::npos
                    ? nullptr
                    : &file[std::string(trim_ascii_space(line.substr(1, close - 1)))];
      continue;
    }
    auto equals = line.find('=');
    if (section == nullptr || equals == std::string_view::npos) continue;
    (*section)[ascii_lowercase(trim_ascii_space(line.substr(0, equals)))] =
        std::string(trim_ascii_space(line.substr(equals + 1)));
  }
  return file;
}

}  // namespace sluice::sqs
