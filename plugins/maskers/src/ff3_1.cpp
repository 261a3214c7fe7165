#include "ff3_1.h"

#include <algorithm>

#include "secret_bytes.h"
#include "wide_int.h"

namespace sluice::maskers {
namespace {

constexpr int kRounds = 8;
constexpr unsigned kHalfBits = 96;

}  // namespace

support::Result<Ff3_1> Ff3_1::create(std::span<const std::uint8_t> key, unsigned radix,
                                     std::span<const std::uint8_t> tweak) {
  SLUICE_TRY(check_radix(radix).with_context("FF3-1"));
  if (tweak.size() != kFf3TweakBytes) {
    return support::config_error("FF3-1: the tweak is 56 bits (14 hex digits); got " +
                                 std::to_string(tweak.size() * 8) + " bits");
  }
  SecretBytes reversed_key(key);
  std::reverse(reversed_key.data(), reversed_key.data() + reversed_key.size());
  support::Result<AesBlockCipher> aes = AesBlockCipher::create(reversed_key.bytes());
  SLUICE_TRY(aes.status().with_context("FF3-1"));
  return Ff3_1(std::move(aes).value(), radix, tweak);
}

// T_L = T[0..27] || 0^4 and T_R = T[32..55] || T[28..31] || 0^4 (step 3).
Ff3_1::Ff3_1(AesBlockCipher aes, unsigned radix, std::span<const std::uint8_t> tweak)
    : aes_(std::move(aes)),
      radix_(radix),
      limits_{min_length_for_domain(radix), 2 * max_exponent_within_bits(radix, kHalfBits)},
      tweak_left_{tweak[0], tweak[1], tweak[2], static_cast<std::uint8_t>(tweak[3] & 0xf0)},
      tweak_right_{tweak[4], tweak[5], tweak[6], static_cast<std::uint8_t>(tweak[3] << 4)} {}

support::Status Ff3_1::validate(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) const {
  SLUICE_TRY(check_length(in.size(), limits_, radix_, "FF3-1"));
  SLUICE_TRY(check_numerals(in, radix_));
  if (out.size() != in.size())
    return support::internal_error("FF3-1: output length differs from input length");
  return support::Status::success();
}

// Steps 4.ii-4.iv: P = W xor [i]^4 || [NUM(REV(B))]^12 and
// y = NUM(REVB(CIPH_REVB(K)(REVB(P)))). Building REVB(P) directly and reading
// the cipher output little-endian absorbs all three byte reversals.
uint128 Ff3_1::round_value(int round, uint128 half) {
  const TweakHalf& w = round % 2 == 0 ? tweak_right_ : tweak_left_;
  AesBlock block;
  for (std::size_t i = 0; i < 12; ++i) {
    block[i] = static_cast<std::uint8_t>(half);
    half >>= 8;
  }
  block[12] = w[3] ^ static_cast<std::uint8_t>(round);
  block[13] = w[2];
  block[14] = w[1];
  block[15] = w[0];
  aes_.encrypt(block, block);
  uint128 y = 0;
  for (std::size_t i = kAesBlockBytes; i-- > 0;) y = y << 8 | block[i];
  return y;
}

// A and B are kept as NUM(REV(A)) and NUM(REV(B)), the form every round uses.
support::Status Ff3_1::encrypt(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) {
  SLUICE_TRY(validate(in, out));
  const std::size_t u = (in.size() + 1) / 2;
  const uint128 modulus_u = *checked_power(radix_, u);
  const uint128 modulus_v = *checked_power(radix_, in.size() - u);
  uint128 a = reversed_numerals_to_int<uint128>(in.first(u), radix_);
  uint128 b = reversed_numerals_to_int<uint128>(in.subspan(u), radix_);
  for (int round = 0; round < kRounds; ++round) {
    const uint128 modulus = round % 2 == 0 ? modulus_u : modulus_v;
    const uint128 c = add_mod(a, reduce(round_value(round, b), modulus), modulus);
    a = b;
    b = c;
  }
  int_to_reversed_numerals(a, radix_, out.first(u));
  int_to_reversed_numerals(b, radix_, out.subspan(u));
  return support::Status::success();
}

support::Status Ff3_1::decrypt(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) {
  SLUICE_TRY(validate(in, out));
  const std::size_t u = (in.size() + 1) / 2;
  const uint128 modulus_u = *checked_power(radix_, u);
  const uint128 modulus_v = *checked_power(radix_, in.size() - u);
  uint128 a = reversed_numerals_to_int<uint128>(in.first(u), radix_);
  uint128 b = reversed_numerals_to_int<uint128>(in.subspan(u), radix_);
  for (int round = kRounds - 1; round >= 0; --round) {
    const uint128 modulus = round % 2 == 0 ? modulus_u : modulus_v;
    const uint128 c = sub_mod(b, reduce(round_value(round, a), modulus), modulus);
    b = a;
    a = c;
  }
  int_to_reversed_numerals(a, radix_, out.first(u));
  int_to_reversed_numerals(b, radix_, out.subspan(u));
  return support::Status::success();
}

}  // namespace sluice::maskers
