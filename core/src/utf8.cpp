#include "utf8.h"

#include <cstdint>

namespace sluice::core {
namespace {

// Length of the sequence that `lead` starts, and the range its second byte
// must fall in (Unicode 15, table 3-7); 0 for a byte that starts none.
struct SequenceShape {
  size_t length;
  uint8_t second_min, second_max;
};

SequenceShape ShapeOf(uint8_t lead) {
  if (lead < 0x80) return {1, 0, 0};
  if (lead >= 0xC2 && lead <= 0xDF) return {2, 0x80, 0xBF};
  if (lead == 0xE0) return {3, 0xA0, 0xBF};  // no overlong forms
  if (lead == 0xED) return {3, 0x80, 0x9F};  // no surrogates
  if (lead >= 0xE1 && lead <= 0xEF) return {3, 0x80, 0xBF};
  if (lead == 0xF0) return {4, 0x90, 0xBF};  // no overlong forms
  if (lead >= 0xF1 && lead <= 0xF3) return {4, 0x80, 0xBF};
  if (lead == 0xF4) return {4, 0x80, 0x8F};  // nothing above U+10FFFF
  return {0, 0, 0};
}

bool IsContinuation(uint8_t byte) { return byte >= 0x80 && byte <= 0xBF; }

}  // namespace

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const SequenceShape shape = ShapeOf(static_cast<uint8_t>(text[i]));
    if (shape.length == 0 || text.size() - i < shape.length) return false;
    if (shape.length > 1) {
      const auto second = static_cast<uint8_t>(text[i + 1]);
      if (second < shape.second_min || second > shape.second_max) return false;
      for (size_t k = 2; k < shape.length; ++k) {
        if (!IsContinuation(static_cast<uint8_t>(text[i + k]))) return false;
      }
    }
    i += shape.length;
  }
  return true;
}

}  // namespace sluice::core
