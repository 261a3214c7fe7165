// sluice/support/hex.hpp: base 16, lowercase on output, either case on input.
#ifndef SLUICE_SUPPORT_HEX_HPP
#define SLUICE_SUPPORT_HEX_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::support {

inline constexpr char kLowerHexDigits[] = "0123456789abcdef";

// The value of one hex digit, or -1.
inline int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Appends two lowercase hex digits per byte.
inline void append_hex(std::string& out, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) {
    out += kLowerHexDigits[bytes[i] >> 4];
    out += kLowerHexDigits[bytes[i] & 0xF];
  }
}

inline std::string hex_encode(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  append_hex(out, bytes.data(), bytes.size());
  return out;
}

// The bytes `hex` spells, or nullopt when it has an odd length or a character
// that is not a hex digit.
inline std::optional<std::string> hex_decode(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out(hex.size() / 2, '\0');
  // Bounded by hex.size(), not out.size(): GCC then sees that "" reads nothing.
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    const int high = hex_digit_value(hex[i]);
    const int low = hex_digit_value(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out[i / 2] = static_cast<char>(high * 16 + low);
  }
  return out;
}

}  // namespace sluice::support

#endif  // SLUICE_SUPPORT_HEX_HPP
