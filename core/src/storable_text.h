// Dead-lettered bodies must reach any sink, including ones whose text type
// refuses NUL bytes or invalid UTF-8 (PostgreSQL's text does both). A body
// that carries such bytes is written with them escaped, never dropped.
#pragma once

#include <string>
#include <string_view>

namespace sluice::core {

// True when `text` is valid UTF-8 without NUL bytes: every text sink takes it.
bool is_storable_text(std::string_view text);

// `text` with every NUL byte and every byte that is not part of a valid UTF-8
// sequence written as \xNN, and backslashes doubled so that the original
// bytes can be recovered exactly.
std::string escape_unstorable_bytes(std::string_view text);

}  // namespace sluice::core
