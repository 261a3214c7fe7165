#include "fpe_domain.h"

#include "wide_int.h"

namespace sluice::maskers {

support::Status check_radix(unsigned radix) {
  if (radix >= kMinRadix && radix <= kMaxRadix) return support::Status::success();
  return support::config_error("radix must be between " + std::to_string(kMinRadix) + " and " +
                               std::to_string(kMaxRadix) + "; got " + std::to_string(radix));
}

std::size_t min_length_for_domain(unsigned radix) {
  std::size_t length = 2;
  while (*checked_power(radix, length) < kMinDomainSize) ++length;
  return length;
}

std::size_t max_exponent_within_bits(unsigned radix, unsigned bits) {
  const uint128 limit = uint128{1} << bits;
  std::size_t exponent = 0;
  for (;;) {
    const std::optional<uint128> next = checked_power(radix, exponent + 1);
    if (!next || *next > limit) return exponent;
    ++exponent;
  }
}

support::Status check_length(std::size_t length, LengthLimits limits, unsigned radix, std::string_view mode) {
  if (length >= limits.min && length <= limits.max) return support::Status::success();
  std::string reason = std::string(mode) + " with radix " + std::to_string(radix) + " takes " +
                       std::to_string(limits.min) + " to " + std::to_string(limits.max) + " symbols; got " +
                       std::to_string(length);
  if (length < limits.min) {
    reason += " (NIST SP 800-38G requires radix^length >= 1000000)";
  }
  return support::config_error(std::move(reason));
}

support::Status check_numerals(std::span<const std::uint8_t> numerals, unsigned radix) {
  for (const std::uint8_t numeral : numerals) {
    if (numeral >= radix)
      return support::config_error("numeral out of range for radix " + std::to_string(radix));
  }
  return support::Status::success();
}

}  // namespace sluice::maskers
