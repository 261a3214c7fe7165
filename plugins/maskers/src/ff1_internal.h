// FF1's building blocks, shared by ff1.cpp and its tests (which check the
// fast and the general path against each other).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include <sluice/support/status.hpp>
#include "aes_block_cipher.h"
#include "wide_int.h"

namespace sluice::maskers {

enum class Direction { encrypt, decrypt };

// The fast path's limit on radix^v: keeps NUM(B) within 12 bytes, so Q's
// data (round number and NUM(B)) fits in its last block and S in one.
inline constexpr unsigned kFf1FastPathBits = 96;

// What FF1 computes for one input length before it sees any data.
struct Ff1LengthPlan {
  std::size_t u = 0;      // numerals in A
  std::size_t v = 0;      // numerals in B
  std::size_t b = 0;      // bytes of NUM(B) in Q
  std::size_t d = 0;      // bytes of S that make y
  uint128 modulus_u = 0;  // radix^u
  uint128 modulus_v = 0;  // radix^v
  // CBC-MAC state after P and Q's leading blocks, XORed with the constant
  // bytes of Q's last block, as a big-endian number: a round XORs in
  // [i]^1 || [NUM(B)]^b and encrypts.
  uint128 mac_base = 0;
};

// The block P of FF1 step 5.
void build_ff1_p_block(unsigned radix, std::size_t u, std::size_t n, std::size_t tweak_bytes, AesBlock& p);

// Nothing when radix^v exceeds 2^96: that length takes the general path.
std::optional<Ff1LengthPlan> make_ff1_plan(AesBlockCipher& aes, unsigned radix,
                                           std::span<const std::uint8_t> tweak, std::size_t length);

// Inputs are already validated: length matches the plan, numerals < radix.
void ff1_fast_crypt(AesBlockCipher& aes, const Ff1LengthPlan& plan, unsigned radix,
                    std::span<const std::uint8_t> in, std::span<std::uint8_t> out, Direction direction);

// Any length, on OpenSSL bignums. Fails only when OpenSSL cannot allocate.
support::Status ff1_general_crypt(AesBlockCipher& aes, unsigned radix, std::span<const std::uint8_t> tweak,
                                  std::span<const std::uint8_t> in, std::span<std::uint8_t> out,
                                  Direction direction);

}  // namespace sluice::maskers
