// The published FF1 / FF3-1 known-answer vectors in data/fpe_vectors.tsv,
// and helpers to turn their text into numerals.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sluice::maskers::testing {

struct FpeVector {
  std::string mode;  // "ff1" or "ff3-1"
  std::vector<std::uint8_t> key;
  unsigned radix = 0;
  std::vector<std::uint8_t> tweak;
  std::string plaintext;
  std::string ciphertext;
};

std::vector<FpeVector> load_fpe_vectors(const std::string& mode);

// The vectors' alphabets are prefixes of 0-9a-zA-Z.
std::vector<std::uint8_t> to_numerals(const std::string& text);
std::string from_numerals(const std::vector<std::uint8_t>& numerals);

std::vector<std::uint8_t> hex_bytes(const std::string& hex);

}  // namespace sluice::maskers::testing
