#include "alphabet_value_cipher.h"

namespace sluice::maskers {
namespace {

constexpr std::size_t kTypicalValueLength = 64;

}  // namespace

AlphabetValueCipher::AlphabetValueCipher(Alphabet alphabet, std::unique_ptr<NumeralCipher> cipher)
    : alphabet_(std::move(alphabet)), cipher_(std::move(cipher)) {
  numerals_.reserve(kTypicalValueLength);
}

support::Status AlphabetValueCipher::encrypt(std::string_view value, std::string& out) {
  return crypt(value, out, Direction::encrypt);
}

support::Status AlphabetValueCipher::decrypt(std::string_view value, std::string& out) {
  return crypt(value, out, Direction::decrypt);
}

support::Status AlphabetValueCipher::crypt(std::string_view value, std::string& out, Direction direction) {
  numerals_.clear();
  for (const char symbol : value) {
    const int numeral = alphabet_.numeral_of(symbol);
    if (numeral >= 0) numerals_.push_back(static_cast<std::uint8_t>(numeral));
  }
  if (numerals_.size() < cipher_->min_length()) {
    return support::config_error("has " + std::to_string(numerals_.size()) + " symbols to encrypt; radix " +
                                 std::to_string(cipher_->radix()) + " needs at least " +
                                 std::to_string(cipher_->min_length()) +
                                 " (NIST SP 800-38G requires radix^length >= 1000000)");
  }
  SLUICE_TRY(direction == Direction::encrypt ? cipher_->encrypt(numerals_, numerals_)
                                             : cipher_->decrypt(numerals_, numerals_));

  out.assign(value);
  std::size_t next = 0;
  for (char& symbol : out) {
    if (alphabet_.contains(symbol)) symbol = alphabet_.symbol_of(numerals_[next++]);
  }
  return support::Status::success();
}

}  // namespace sluice::maskers
