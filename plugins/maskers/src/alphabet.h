// The symbols of a numeral system: symbol k stands for numeral k, so the
// radix is the number of symbols. Symbols are distinct printable ASCII
// characters, which keeps masked text valid UTF-8 and free of controls.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <sluice/support/status.hpp>

namespace sluice::maskers {

inline constexpr std::string_view kDigitSymbols = "0123456789";
inline constexpr std::string_view kAlphanumericSymbols =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

class Alphabet {
 public:
  static support::Result<Alphabet> create(std::string_view symbols);

  unsigned radix() const { return static_cast<unsigned>(symbols_.size()); }
  bool contains(char symbol) const { return numeral_of(symbol) >= 0; }
  // The numeral for `symbol`, or -1 when it is not in the alphabet.
  int numeral_of(char symbol) const { return numerals_[static_cast<unsigned char>(symbol)]; }
  char symbol_of(std::uint8_t numeral) const { return symbols_[numeral]; }

 private:
  explicit Alphabet(std::string_view symbols);

  std::string symbols_;
  std::array<std::int16_t, 256> numerals_;
};

}  // namespace sluice::maskers
