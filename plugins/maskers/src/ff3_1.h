// FF3-1 (NIST SP 800-38G Rev. 1, §5.2) on AES-128/192/256, with its 56-bit
// tweak. Kept for data already encrypted with it: NIST's 2025 draft of
// SP 800-38G Rev. 2 withdraws FF3-1, so new pipelines should use FF1.
//
// Its halves never exceed 96 bits (the mode's length limit), so all
// arithmetic is 128-bit: no bignums, no heap per value.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include <sluice/support/status.hpp>
#include "aes_block_cipher.h"
#include "fpe_domain.h"
#include "numeral_cipher.h"
#include "wide_int.h"

namespace sluice::maskers {

inline constexpr std::size_t kFf3TweakBytes = 7;

class Ff3_1 final : public NumeralCipher {
 public:
  static support::Result<Ff3_1> create(std::span<const std::uint8_t> key, unsigned radix,
                                       std::span<const std::uint8_t> tweak);

  unsigned radix() const override { return radix_; }
  std::size_t min_length() const override { return limits_.min; }
  std::size_t max_length() const override { return limits_.max; }

  support::Status encrypt(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) override;
  support::Status decrypt(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) override;

 private:
  using TweakHalf = std::array<std::uint8_t, 4>;

  Ff3_1(AesBlockCipher aes, unsigned radix, std::span<const std::uint8_t> tweak);

  support::Status validate(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) const;
  uint128 round_value(int round, uint128 half);

  AesBlockCipher aes_;  // keyed with REVB(K)
  unsigned radix_;
  LengthLimits limits_;
  TweakHalf tweak_left_;   // T_L
  TweakHalf tweak_right_;  // T_R
};

}  // namespace sluice::maskers
