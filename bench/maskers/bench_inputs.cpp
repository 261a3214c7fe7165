#include "bench_inputs.h"

#include <random>

namespace sluice::maskers::bench {
namespace {

std::mt19937& generator() {
  static std::mt19937 random(20240601);
  return random;
}

std::string digits(std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text.push_back(static_cast<char>('0' + generator()() % 10));
  return text;
}

}  // namespace

const std::vector<std::string>& ipv4_addresses() {
  static const std::vector<std::string> addresses = [] {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < kInputCount; ++i) {
      const std::uint32_t a = generator()();
      out.push_back(std::to_string(a >> 24) + "." + std::to_string(a >> 16 & 255) + "." +
                    std::to_string(a >> 8 & 255) + "." + std::to_string(a & 255));
    }
    return out;
  }();
  return addresses;
}

const std::vector<std::string>& device_ids() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < kInputCount; ++i)
      out.push_back(digits(3) + "-" + digits(2) + "-" + digits(4));
    return out;
  }();
  return ids;
}

const std::vector<std::vector<std::uint8_t>>& nine_digit_ids() {
  static const std::vector<std::vector<std::uint8_t>> ids = [] {
    std::vector<std::vector<std::uint8_t>> out;
    for (std::size_t i = 0; i < kInputCount; ++i) {
      std::vector<std::uint8_t> numerals;
      for (const char c : digits(9)) numerals.push_back(static_cast<std::uint8_t>(c - '0'));
      out.push_back(numerals);
    }
    return out;
  }();
  return ids;
}

}  // namespace sluice::maskers::bench
