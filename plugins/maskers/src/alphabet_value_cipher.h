// The `digits`, `alphanumeric` and `alphabet` formats: the symbols of the
// alphabet are encrypted as one numeral string and put back in their
// positions; every other character is kept as it is, so `593-47-5928`
// becomes `NNN-NN-NNNN`.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "alphabet.h"
#include "numeral_cipher.h"
#include "value_cipher.h"

namespace sluice::maskers {

class AlphabetValueCipher final : public ValueCipher {
 public:
  // `cipher` has the alphabet's radix.
  AlphabetValueCipher(Alphabet alphabet, std::unique_ptr<NumeralCipher> cipher);

  support::Status encrypt(std::string_view value, std::string& out) override;
  support::Status decrypt(std::string_view value, std::string& out) override;

 private:
  enum class Direction { encrypt, decrypt };
  support::Status crypt(std::string_view value, std::string& out, Direction direction);

  Alphabet alphabet_;
  std::unique_ptr<NumeralCipher> cipher_;
  std::vector<std::uint8_t> numerals_;  // reused between values
};

}  // namespace sluice::maskers
