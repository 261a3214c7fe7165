// FF1 (NIST SP 800-38G Rev. 1, §5.1) on AES-128/192/256.
//
// Everything FF1 lets one compute without the data is computed once per
// length when the cipher is created: the CBC-MAC of the block P, the MAC of
// the tweak's leading Q blocks and the tweak bytes of the last one. A
// round then costs one AES block and a few 64- or 128-bit operations, with
// no allocation. Lengths whose halves exceed 96 bits take a bignum path.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <sluice/support/status.hpp>
#include "aes_block_cipher.h"
#include "ff1_internal.h"
#include "fpe_domain.h"
#include "numeral_cipher.h"

namespace sluice::maskers {

// Implementation limits, well inside the standard's (2^32 numerals).
inline constexpr std::size_t kFf1MaxLength = 4096;
inline constexpr std::size_t kFf1MaxTweakBytes = 256;

class Ff1 final : public NumeralCipher {
 public:
  static support::Result<Ff1> create(std::span<const std::uint8_t> key, unsigned radix,
                                     std::span<const std::uint8_t> tweak);

  unsigned radix() const override { return radix_; }
  std::size_t min_length() const override { return limits_.min; }
  std::size_t max_length() const override { return limits_.max; }

  support::Status encrypt(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) override;
  support::Status decrypt(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) override;

 private:
  Ff1(AesBlockCipher aes, unsigned radix, std::span<const std::uint8_t> tweak);

  support::Status crypt(std::span<const std::uint8_t> in, std::span<std::uint8_t> out, Direction direction);
  const Ff1LengthPlan* plan_for(std::size_t length) const;

  AesBlockCipher aes_;
  unsigned radix_;
  std::vector<std::uint8_t> tweak_;
  LengthLimits limits_;
  std::vector<Ff1LengthPlan> plans_;  // plans_[length - limits_.min], fast lengths only
};

}  // namespace sluice::maskers
