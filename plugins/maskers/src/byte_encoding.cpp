#include "byte_encoding.h"

namespace sluice::maskers {
// Sizes the output once and writes by index: per-character appends cost
// more than the hash itself for short values.
void append_base64url(std::span<const std::uint8_t> bytes, std::string& out) {
  static constexpr char kSymbols[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const std::size_t whole_groups = bytes.size() / 3;
  const std::size_t rest = bytes.size() % 3;
  std::size_t at = out.size();
  out.resize(at + 4 * whole_groups + (rest == 0 ? 0 : rest + 1));
  for (std::size_t i = 0; i < 3 * whole_groups; i += 3) {
    const std::uint32_t group =
        std::uint32_t{bytes[i]} << 16 | std::uint32_t{bytes[i + 1]} << 8 | bytes[i + 2];
    out[at++] = kSymbols[group >> 18 & 63];
    out[at++] = kSymbols[group >> 12 & 63];
    out[at++] = kSymbols[group >> 6 & 63];
    out[at++] = kSymbols[group & 63];
  }
  if (rest == 0) return;
  const std::size_t i = 3 * whole_groups;
  const std::uint32_t group =
      std::uint32_t{bytes[i]} << 16 | (rest == 2 ? std::uint32_t{bytes[i + 1]} << 8 : 0);
  out[at++] = kSymbols[group >> 18 & 63];
  out[at++] = kSymbols[group >> 12 & 63];
  if (rest == 2) out[at] = kSymbols[group >> 6 & 63];
}

}  // namespace sluice::maskers
