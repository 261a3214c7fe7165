// A format-preserving cipher over numeral strings (NIST SP 800-38G terms):
// each numeral is an integer below the radix, and the ciphertext has the same
// radix and length as the plaintext. The key and tweak are bound when the
// cipher is created. Not thread-safe: one instance per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include <sluice/support/status.hpp>

namespace sluice::maskers {

class NumeralCipher {
 public:
  virtual ~NumeralCipher() = default;

  virtual unsigned radix() const = 0;
  virtual std::size_t min_length() const = 0;
  virtual std::size_t max_length() const = 0;

  // `out` has in.size() numerals; it may alias `in`.
  virtual support::Status encrypt(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) = 0;
  virtual support::Status decrypt(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) = 0;
};

}  // namespace sluice::maskers
