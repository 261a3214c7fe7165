// Writing JSON text: strings with escaping, numbers in their shortest
// round-trip form.
#ifndef SLUICE_STD_JSON_TEXT_HPP
#define SLUICE_STD_JSON_TEXT_HPP

#include <cstdint>
#include <string>
#include <string_view>

namespace sluice_std {

// Appends `text` as a JSON string literal. Quotes, backslashes and control
// characters are escaped; valid UTF-8 passes through; each byte of an
// invalid UTF-8 sequence becomes U+FFFD, so the output is always valid.
void append_json_string(std::string& out, std::string_view text);

void append_json_int(std::string& out, int64_t value);

// Shortest text that reads back as `value`, with ".0" added to whole
// numbers; NaN and infinities (which JSON cannot express) become null.
void append_json_double(std::string& out, double value);

// Length of the valid UTF-8 sequence starting at text[i], or 0 if none.
size_t utf8_sequence_length(std::string_view text, size_t i);

}  // namespace sluice_std

#endif  // SLUICE_STD_JSON_TEXT_HPP
