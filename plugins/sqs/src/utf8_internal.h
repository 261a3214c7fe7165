// UTF-8 helpers: SQS bodies become Arrow utf8 values, which must be valid.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::sqs {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates,
// nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Appends the UTF-8 encoding of `code_point` (which must be a valid scalar).
void append_utf8(std::string& out, std::uint32_t code_point);

}  // namespace sluice::sqs
