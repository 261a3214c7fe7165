// sluice/support/json_text.hpp: writing JSON string literals by hand, where a
// JSON library would cost an allocation per value (logs, request bodies).
#ifndef SLUICE_SUPPORT_JSON_TEXT_HPP
#define SLUICE_SUPPORT_JSON_TEXT_HPP

#include <string>
#include <string_view>

#include <sluice/support/hex.hpp>
#include <sluice/support/utf8.hpp>

namespace sluice::support {

// Appends `text` as a JSON string literal, quotes included. Quotes,
// backslashes and control characters are escaped; valid UTF-8 passes
// through; each byte of an invalid sequence becomes U+FFFD, so the output is
// valid JSON whatever `text` holds.
inline void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      std::size_t j = i + 1;  // copy the run of plain ASCII at once
      while (j < text.size()) {
        const auto d = static_cast<unsigned char>(text[j]);
        if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\') break;
        ++j;
      }
      out.append(text.data() + i, j - i);
      i = j;
      continue;
    }
    if (c >= 0x80) {
      i += append_repaired_sequence(out, text, i);
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kLowerHexDigits[c >> 4];
        out += kLowerHexDigits[c & 0xF];
    }
    ++i;
  }
  out += '"';
}

}  // namespace sluice::support

#endif  // SLUICE_SUPPORT_JSON_TEXT_HPP
