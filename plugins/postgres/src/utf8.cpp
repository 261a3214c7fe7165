#include "utf8.h"

#include <cstdint>
#include <cstring>

namespace sluice::pg {
namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Length of the sequence starting at `lead`, or 0 when no sequence starts so.
size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Rejects the overlong, surrogate and beyond-U+10FFFF forms that the lead
// byte alone cannot rule out (Unicode table 3-7).
bool second_byte_allowed(unsigned char lead, unsigned char second) {
  switch (lead) {
    case 0xE0: return second >= 0xA0 && second <= 0xBF;
    case 0xED: return second >= 0x80 && second <= 0x9F;
    case 0xF0: return second >= 0x90 && second <= 0xBF;
    case 0xF4: return second >= 0x80 && second <= 0x8F;
    default: return is_continuation(second);
  }
}

// Length of the all-ASCII prefix, eight bytes at a time: most text is
// ASCII, and each of those bytes is one code point.
size_t ascii_prefix(std::string_view text) {
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    if ((word & kHighBits) != 0) break;
  }
  return i;
}

}  // namespace

std::optional<size_t> utf8_code_points(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = ascii_prefix(text);
  size_t count = i;
  while (i < text.size()) {
    size_t length = sequence_length(bytes[i]);
    if (length == 0 || i + length > text.size()) return std::nullopt;
    if (length > 1 && !second_byte_allowed(bytes[i], bytes[i + 1])) return std::nullopt;
    for (size_t k = 2; k < length; ++k) {
      if (!is_continuation(bytes[i + k])) return std::nullopt;
    }
    i += length;
    ++count;
  }
  return count;
}

}  // namespace sluice::pg
