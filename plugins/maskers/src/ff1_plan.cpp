// FF1's per-length constants, computed once per cipher (see Ff1LengthPlan).
#include <vector>

#include "ff1_rounds.h"

namespace sluice::maskers {
namespace {

// ceil(ceil(v * log2(radix)) / 8), computed exactly: ceil(v * log2 radix)
// is the bit length of radix^v - 1.
std::size_t bytes_for_values_below(uint128 modulus) {
  uint128 largest = modulus - 1;
  std::size_t bits = 0;
  for (; largest != 0; largest >>= 1) ++bits;
  return (bits + 7) / 8;
}

void xor_block(AesBlock& into, const std::uint8_t* other) {
  for (std::size_t i = 0; i < kAesBlockBytes; ++i) into[i] ^= other[i];
}

}  // namespace

void build_ff1_p_block(unsigned radix, std::size_t u, std::size_t n, std::size_t tweak_bytes, AesBlock& p) {
  p[0] = 1;
  p[1] = 2;
  p[2] = 1;
  store_big_endian<std::uint32_t>(radix, p + 3, 3);
  p[6] = 10;
  p[7] = static_cast<std::uint8_t>(u % 256);
  store_big_endian<std::uint32_t>(static_cast<std::uint32_t>(n), p + 8, 4);
  store_big_endian<std::uint32_t>(static_cast<std::uint32_t>(tweak_bytes), p + 12, 4);
}

std::optional<Ff1LengthPlan> make_ff1_plan(AesBlockCipher& aes, unsigned radix,
                                           std::span<const std::uint8_t> tweak, std::size_t length) {
  Ff1LengthPlan plan;
  plan.u = length / 2;
  plan.v = length - plan.u;
  const std::optional<uint128> modulus_v = checked_power(radix, plan.v);
  if (!modulus_v || *modulus_v > uint128{1} << kFf1FastPathBits) return std::nullopt;
  plan.modulus_v = *modulus_v;
  plan.modulus_u = *checked_power(radix, plan.u);
  plan.b = bytes_for_values_below(plan.modulus_v);
  plan.d = 4 * ((plan.b + 3) / 4) + 4;

  AesBlock state;
  build_ff1_p_block(radix, plan.u, length, tweak.size(), state);
  aes.encrypt(state, state);

  // Q = T || 0^pad || [i]^1 || [NUM(B)]^b, a whole number of blocks. With
  // i and NUM(B) zero, every block but the last is constant.
  const std::size_t data_bytes = 1 + plan.b;
  const std::size_t pad = (kAesBlockBytes - (tweak.size() + data_bytes) % kAesBlockBytes) % kAesBlockBytes;
  std::vector<std::uint8_t> q(tweak.begin(), tweak.end());
  q.resize(tweak.size() + pad + data_bytes, 0);
  const std::size_t last_block = q.size() - kAesBlockBytes;
  for (std::size_t offset = 0; offset < last_block; offset += kAesBlockBytes) {
    xor_block(state, q.data() + offset);
    aes.encrypt(state, state);
  }
  xor_block(state, q.data() + last_block);
  plan.mac_base = load_block_value(state);
  return plan;
}

}  // namespace sluice::maskers
