// The NIST SP 800-38G Rev. 1 rules on what an FPE mode may encrypt: the
// radix, the number of numerals, and the minimum domain size
// radix^length >= 1,000,000 (smaller domains are open to enumeration and to
// known attacks on the Feistel rounds).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <sluice/support/status.hpp>

namespace sluice::maskers {

inline constexpr unsigned kMinRadix = 2;
// Numerals are bytes: radix 256 is raw bytes (IP addresses), alphabets
// are at most 94 printable ASCII characters.
inline constexpr unsigned kMaxRadix = 256;
inline constexpr std::uint64_t kMinDomainSize = 1'000'000;

struct LengthLimits {
  std::size_t min;
  std::size_t max;
};

support::Status check_radix(unsigned radix);

// The smallest length >= 2 with radix^length >= 1,000,000.
std::size_t min_length_for_domain(unsigned radix);

// The largest k with radix^k <= 2^bits, for bits < 128.
std::size_t max_exponent_within_bits(unsigned radix, unsigned bits);

// `mode` names the algorithm in the message ("FF1", "FF3-1").
support::Status check_length(std::size_t length, LengthLimits limits, unsigned radix, std::string_view mode);

support::Status check_numerals(std::span<const std::uint8_t> numerals, unsigned radix);

}  // namespace sluice::maskers
