#include "alphabet.h"

namespace sluice::maskers {
namespace {

bool is_printable_ascii(char c) { return c >= 0x21 && c <= 0x7e; }

}  // namespace

support::Result<Alphabet> Alphabet::create(std::string_view symbols) {
  if (symbols.size() < 2) return support::config_error("an alphabet needs at least 2 symbols");
  std::array<bool, 256> seen = {};
  for (const char symbol : symbols) {
    if (!is_printable_ascii(symbol)) {
      return support::config_error("alphabet symbols must be printable ASCII characters other than space");
    }
    bool& was_seen = seen[static_cast<unsigned char>(symbol)];
    if (was_seen) return support::config_error(std::string("alphabet lists '") + symbol + "' twice");
    was_seen = true;
  }
  return Alphabet(symbols);
}

Alphabet::Alphabet(std::string_view symbols) : symbols_(symbols) {
  numerals_.fill(-1);
  for (std::size_t i = 0; i < symbols_.size(); ++i) {
    numerals_[static_cast<unsigned char>(symbols_[i])] = static_cast<std::int16_t>(i);
  }
}

}  // namespace sluice::maskers
