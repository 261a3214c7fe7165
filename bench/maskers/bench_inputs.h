// Realistic inputs for the masker benchmarks, generated from a fixed seed:
// IPv4 addresses, 11-character device ids (`593-47-5928`) and 9-digit ids.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sluice::maskers::bench {

// A power of two, so a benchmark cycles through inputs with a mask.
inline constexpr std::size_t kInputCount = 4096;

const std::vector<std::string>& ipv4_addresses();
const std::vector<std::string>& device_ids();
// Nine numerals each, radix 10, for the numeral cipher itself.
const std::vector<std::vector<std::uint8_t>>& nine_digit_ids();

}  // namespace sluice::maskers::bench
