#include "copy_text.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace sluice::postgres {
namespace {

// For each byte, the letter of its COPY escape, or 0 when it stands for
// itself. Escaping \b, \f and \v as well is not required but keeps lines
// readable.
constexpr std::array<char, 256> make_escape_letters() {
  std::array<char, 256> letters{};
  letters['\\'] = '\\';
  letters['\t'] = 't';
  letters['\n'] = 'n';
  letters['\r'] = 'r';
  letters['\b'] = 'b';
  letters['\f'] = 'f';
  letters['\v'] = 'v';
  return letters;
}

constexpr std::array<char, 256> kEscapeLetters = make_escape_letters();

char escape_letter(char c) { return kEscapeLetters[static_cast<unsigned char>(c)]; }

// Whether any of the eight bytes in `word` is below 0x20 (all control
// characters COPY escapes are) or a backslash: the usual SWAR tests.
bool may_need_escape(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighBits;
  uint64_t backslashes = word ^ (kOnes * '\\');
  uint64_t has_backslash = (backslashes - kOnes) & ~backslashes & kHighBits;
  return (below_space | has_backslash) != 0;
}

// Length of the prefix of `value` that certainly needs no escaping.
size_t plain_prefix(std::string_view value) {
  size_t i = 0;
  for (; i + 8 <= value.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, value.data() + i, sizeof word);
    if (may_need_escape(word)) break;
  }
  return i;
}

}  // namespace

void append_copy_escaped(std::string& out, std::string_view value) {
  // Copies runs of ordinary bytes in one go: most values need no escaping.
  size_t run_start = 0;
  for (size_t i = plain_prefix(value); i < value.size(); ++i) {
    char letter = escape_letter(value[i]);
    if (letter == 0) continue;
    out.append(value.data() + run_start, i - run_start);
    out.push_back('\\');
    out.push_back(letter);
    run_start = i + 1;
  }
  out.append(value.data() + run_start, value.size() - run_start);
}

}  // namespace sluice::postgres
