// sluice/support/utf8.hpp: UTF-8 as RFC 3629 defines it (no overlong forms,
// no surrogates, nothing above U+10FFFF). Arrow utf8 columns, JSON text and
// PostgreSQL text all require it, so every check in Sluice is this one.
#ifndef SLUICE_SUPPORT_UTF8_HPP
#define SLUICE_SUPPORT_UTF8_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::support {

// The length (1 to 4) of the valid UTF-8 sequence that starts at text[i], or
// 0 when the bytes there are not one. Requires i < text.size().
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const auto continuation = [&](std::size_t k) { return (byte(k) & 0xC0) == 0x80; };
  const unsigned char lead = byte(0);
  const std::size_t left = text.size() - i;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return left >= 2 && continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (left < 3 || !continuation(1) || !continuation(2)) return 0;
    if (lead == 0xE0 && byte(1) < 0xA0) return 0;  // overlong
    if (lead == 0xED && byte(1) > 0x9F) return 0;  // UTF-16 surrogates
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (left < 4 || !continuation(1) || !continuation(2) || !continuation(3)) return 0;
    if (lead == 0xF0 && byte(1) < 0x90) return 0;  // overlong
    if (lead == 0xF4 && byte(1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// The number of bytes at the start of `text` that are plain ASCII. Checks
// eight bytes a step: most text Sluice moves is ASCII.
inline std::size_t ascii_prefix_length(std::string_view text) {
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    if ((word & 0x8080808080808080ULL) != 0) break;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i;
}

// The number of code points in `text`, or nullopt when it is not valid UTF-8.
inline std::optional<std::size_t> utf8_code_points(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t ascii = ascii_prefix_length(text.substr(i));
    count += ascii;
    i += ascii;
    if (i == text.size()) break;
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) return std::nullopt;
    ++count;
    i += n;
  }
  return count;
}

inline bool is_valid_utf8(std::string_view text) { return utf8_code_points(text).has_value(); }

// Appends the UTF-8 encoding of `code_point`, a Unicode scalar value.
inline void append_utf8(std::string& out, std::uint32_t code_point) {
  const auto put = [&](std::uint32_t byte) { out.push_back(static_cast<char>(byte)); };
  if (code_point < 0x80) {
    put(code_point);
  } else if (code_point < 0x800) {
    put(0xC0 | (code_point >> 6));
    put(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    put(0xE0 | (code_point >> 12));
    put(0x80 | ((code_point >> 6) & 0x3F));
    put(0x80 | (code_point & 0x3F));
  } else {
    put(0xF0 | (code_point >> 18));
    put(0x80 | ((code_point >> 12) & 0x3F));
    put(0x80 | ((code_point >> 6) & 0x3F));
    put(0x80 | (code_point & 0x3F));
  }
}

// U+FFFD REPLACEMENT CHARACTER, which stands in for each invalid byte.
inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// Appends the sequence that starts at text[i], or U+FFFD when the byte there
// does not start a valid one; returns how many bytes of `text` it consumed.
// The one place where an invalid byte becomes U+FFFD.
inline std::size_t append_repaired_sequence(std::string& out, std::string_view text, std::size_t i) {
  const std::size_t n = utf8_sequence_length(text, i);
  if (n == 0) {
    out += kReplacementCharacter;
    return 1;
  }
  out.append(text.data() + i, n);
  return n;
}

// `text` with each byte that is not part of a valid sequence replaced by
// U+FFFD: always valid UTF-8, and equal to `text` when it already was.
inline std::string repair_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) i += append_repaired_sequence(out, text, i);
  return out;
}

}  // namespace sluice::support

#endif  // SLUICE_SUPPORT_UTF8_HPP
