// UTF-8 checks the server would otherwise make row by row: PostgreSQL text
// must be valid UTF-8 without NUL, and varchar(N) counts characters.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace sluice::pg {

// The number of code points in `text`, or nullopt when it is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::optional<size_t> utf8_code_points(std::string_view text);

}  // namespace sluice::pg
