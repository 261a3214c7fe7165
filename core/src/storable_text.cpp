#include "storable_text.h"

#include <cstdio>

#include <sluice/support/utf8.hpp>

namespace sluice::core {
namespace {

void append_escaped(std::string& out, unsigned char byte) {
  char escaped[5];
  std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
  out += escaped;
}

}  // namespace

bool is_storable_text(std::string_view text) {
  return text.find('\0') == std::string_view::npos && support::is_valid_utf8(text);
}

std::string escape_unstorable_bytes(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t length = support::utf8_sequence_length(text, i);
    if (lead == '\\') {
      out += "\\\\";
      ++i;
    } else if (lead == 0 || length == 0) {
      append_escaped(out, lead);
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

}  // namespace sluice::core
