#include "byte_encoding.h"

namespace sluice::maskers {
namespace {

int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool decode_hex(std::string_view text, std::span<std::uint8_t> out) {
  if (text.size() != 2 * out.size()) return false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int high = hex_digit_value(text[2 * i]);
    const int low = hex_digit_value(text[2 * i + 1]);
    if (high < 0 || low < 0) return false;
    out[i] = static_cast<std::uint8_t>(high << 4 | low);
  }
  return true;
}

std::optional<std::vector<std::uint8_t>> decode_hex(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::vector<std::uint8_t> bytes(text.size() / 2);
  if (!decode_hex(text, bytes)) return std::nullopt;
  return bytes;
}

// Both encoders size the output once and write by index: per-character
// appends cost more than the hash itself for short values.
void append_hex(std::span<const std::uint8_t> bytes, std::string& out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::size_t at = out.size();
  out.resize(at + 2 * bytes.size());
  for (const std::uint8_t byte : bytes) {
    out[at++] = kDigits[byte >> 4];
    out[at++] = kDigits[byte & 0x0f];
  }
}

void append_base64url(std::span<const std::uint8_t> bytes, std::string& out) {
  static constexpr char kSymbols[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const std::size_t whole_groups = bytes.size() / 3;
  const std::size_t rest = bytes.size() % 3;
  std::size_t at = out.size();
  out.resize(at + 4 * whole_groups + (rest == 0 ? 0 : rest + 1));
  for (std::size_t i = 0; i < 3 * whole_groups; i += 3) {
    const std::uint32_t group = std::uint32_t{bytes[i]} << 16 | std::uint32_t{bytes[i + 1]} << 8 | bytes[i + 2];
    out[at++] = kSymbols[group >> 18 & 63];
    out[at++] = kSymbols[group >> 12 & 63];
    out[at++] = kSymbols[group >> 6 & 63];
    out[at++] = kSymbols[group & 63];
  }
  if (rest == 0) return;
  const std::size_t i = 3 * whole_groups;
  const std::uint32_t group = std::uint32_t{bytes[i]} << 16 | (rest == 2 ? std::uint32_t{bytes[i + 1]} << 8 : 0);
  out[at++] = kSymbols[group >> 18 & 63];
  out[at++] = kSymbols[group >> 12 & 63];
  if (rest == 2) out[at] = kSymbols[group >> 6 & 63];
}

}  // namespace sluice::maskers
