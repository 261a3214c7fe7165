// PostgreSQL COPY text format: how one field value is written so that the
// server reads back exactly the bytes we had (backslash, tab, newline and
// carriage return are escaped; NULL is \N).
#pragma once

#include <string>
#include <string_view>

namespace sluice::postgres {

inline constexpr std::string_view kCopyNull = "\\N";
inline constexpr char kCopyFieldSeparator = '\t';
inline constexpr char kCopyRowTerminator = '\n';

// Appends `value` to `out`, escaped for the COPY text format.
void append_copy_escaped(std::string& out, std::string_view value);

}  // namespace sluice::postgres
