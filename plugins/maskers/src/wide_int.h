// Fixed-width integer arithmetic on numeral strings, for FPE inputs short
// enough that radix^length fits in 128 bits: no bignum library, no heap.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace sluice::maskers {

__extension__ using uint128 = unsigned __int128;

// radix^exponent, or nothing when it does not fit in 128 bits.
inline std::optional<uint128> checked_power(unsigned radix, std::size_t exponent) {
  uint128 result = 1;
  const uint128 limit = ~uint128{0} / radix;
  for (std::size_t i = 0; i < exponent; ++i) {
    if (result > limit) return std::nullopt;
    result *= radix;
  }
  return result;
}

// NUM_radix(X): the numerals as a base-radix integer, most significant first.
template <class Word>
Word numerals_to_int(std::span<const std::uint8_t> numerals, unsigned radix) {
  Word value = 0;
  for (const std::uint8_t numeral : numerals) value = value * radix + numeral;
  return value;
}

// NUM_radix(REV(X)): least significant numeral first (FF3-1's order).
template <class Word>
Word reversed_numerals_to_int(std::span<const std::uint8_t> numerals, unsigned radix) {
  Word value = 0;
  for (std::size_t i = numerals.size(); i-- > 0;) value = value * radix + numerals[i];
  return value;
}

// Divides by radix with 128-bit operations only while the value needs them;
// the 64-bit division that follows is several times cheaper.
template <class Word, class Emit>
void for_each_digit_least_first(Word value, unsigned radix, std::size_t count, Emit emit) {
  std::size_t i = 0;
  if constexpr (sizeof(Word) > sizeof(std::uint64_t)) {
    for (; i < count && (value >> 64) != 0; ++i) {
      emit(i, static_cast<std::uint8_t>(value % radix));
      value /= radix;
    }
  }
  auto narrow = static_cast<std::uint64_t>(value);
  for (; i < count; ++i) {
    emit(i, static_cast<std::uint8_t>(narrow % radix));
    narrow /= radix;
  }
}

// STR_radix^m(value): exactly out.size() numerals, most significant first.
template <class Word>
void int_to_numerals(Word value, unsigned radix, std::span<std::uint8_t> out) {
  const std::size_t last = out.size() - 1;
  for_each_digit_least_first(value, radix, out.size(),
                             [&](std::size_t i, std::uint8_t digit) { out[last - i] = digit; });
}

// REV(STR_radix^m(value)): least significant numeral first.
template <class Word>
void int_to_reversed_numerals(Word value, unsigned radix, std::span<std::uint8_t> out) {
  for_each_digit_least_first(value, radix, out.size(),
                             [&](std::size_t i, std::uint8_t digit) { out[i] = digit; });
}

template <class Word>
Word load_big_endian(const std::uint8_t* bytes, std::size_t count) {
  Word value = 0;
  for (std::size_t i = 0; i < count; ++i) value = value << 8 | bytes[i];
  return value;
}

template <class Word>
void store_big_endian(Word value, std::uint8_t* bytes, std::size_t count) {
  for (std::size_t i = count; i-- > 0;) {
    bytes[i] = static_cast<std::uint8_t>(value);
    value >>= 8;
  }
}

// A 16-byte block as one big-endian 128-bit number, and back: lets FF1's
// rounds splice the round number and NUM(B) into a block with one XOR.
inline std::uint64_t big_endian_word(std::uint64_t word) {
  if constexpr (std::endian::native == std::endian::little) return __builtin_bswap64(word);
  return word;
}

inline uint128 load_block_value(const std::uint8_t* block) {
  std::uint64_t high, low;
  __builtin_memcpy(&high, block, 8);
  __builtin_memcpy(&low, block + 8, 8);
  return uint128{big_endian_word(high)} << 64 | big_endian_word(low);
}

inline void store_block_value(uint128 value, std::uint8_t* block) {
  const std::uint64_t high = big_endian_word(static_cast<std::uint64_t>(value >> 64));
  const std::uint64_t low = big_endian_word(static_cast<std::uint64_t>(value));
  __builtin_memcpy(block, &high, 8);
  __builtin_memcpy(block + 8, &low, 8);
}

// (a + b) mod m and (a - b) mod m for a, b < m < 2^127.
template <class Word>
Word add_mod(Word a, Word b, Word m) {
  const Word sum = a + b;
  return sum >= m ? sum - m : sum;
}

template <class Word>
Word sub_mod(Word a, Word b, Word m) {
  return a >= b ? a - b : a + (m - b);
}

// y mod m, using a 64-bit division when both operands allow it.
inline uint128 reduce(uint128 y, uint128 m) {
  if ((y >> 64) == 0 && (m >> 64) == 0) return static_cast<std::uint64_t>(y) % static_cast<std::uint64_t>(m);
  return y % m;
}

inline std::uint64_t reduce(std::uint64_t y, std::uint64_t m) { return y % m; }

}  // namespace sluice::maskers
