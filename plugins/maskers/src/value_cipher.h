// Format-preserving encryption of one text value: the ciphertext has the
// same format as the plaintext (an IP address stays an address, separators
// stay where they were). Reasons for refusing a value describe its format,
// never its content. Not thread-safe: one instance per thread.
#pragma once

#include <string>
#include <string_view>

#include <sluice/support/status.hpp>

namespace sluice::maskers {

class ValueCipher {
 public:
  virtual ~ValueCipher() = default;

  // Replace the content of `out`; it may keep its capacity between calls.
  virtual support::Status encrypt(std::string_view value, std::string& out) = 0;
  virtual support::Status decrypt(std::string_view value, std::string& out) = 0;
};

}  // namespace sluice::maskers
