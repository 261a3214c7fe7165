// Binary-to-text encodings used by the maskers: hex (keys, tweaks, digests)
// and unpadded base64url (RFC 4648 §5, digests).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::maskers {

// Fills `out` from exactly 2 * out.size() hex digits (either case). Returns
// false, leaving `out` unspecified, when `text` is anything else.
bool decode_hex(std::string_view text, std::span<std::uint8_t> out);

std::optional<std::vector<std::uint8_t>> decode_hex(std::string_view text);

// Lower-case hex.
void append_hex(std::span<const std::uint8_t> bytes, std::string& out);

// Base64url without '=' padding: safe in URLs, file names and SQL literals.
void append_base64url(std::span<const std::uint8_t> bytes, std::string& out);

}  // namespace sluice::maskers
