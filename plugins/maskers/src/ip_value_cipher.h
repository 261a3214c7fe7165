// The `ipv4`, `ipv6` and `ip` formats: the address bytes are encrypted as a
// radix-256 numeral string (4 bytes: a domain of 2^32 >= 10^6) and written
// back as an address of the same family, in canonical text form (RFC 5952
// for IPv6), so decryption returns the canonical form of the input.
#pragma once

#include <memory>

#include "numeral_cipher.h"
#include "value_cipher.h"

namespace sluice::maskers {

enum class IpFamily { v4, v6, either };

class IpValueCipher final : public ValueCipher {
 public:
  // `cipher` has radix 256.
  IpValueCipher(IpFamily family, std::unique_ptr<NumeralCipher> cipher);

  support::Status encrypt(std::string_view value, std::string& out) override;
  support::Status decrypt(std::string_view value, std::string& out) override;

 private:
  enum class Direction { encrypt, decrypt };
  support::Status crypt(std::string_view value, std::string& out, Direction direction);

  IpFamily family_;
  std::unique_ptr<NumeralCipher> cipher_;
};

}  // namespace sluice::maskers
