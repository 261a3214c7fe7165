// The fpe format `auto`, the default, so that switching a step from
// hmac_sha256 to fpe stays a one-word change: a value with a colon is an
// IPv6 address, a value laid out as a dotted quad is an IPv4 address, and
// anything else is masked as `digits`.
//
// The choice depends only on the value's layout, which every format keeps,
// so a masked value takes the same route when it is unmasked. Two refusals
// follow from that: a dotted quad or a value with a colon that is not a
// valid address (digits could turn it into one), and a value with letters
// (`digits` would leave them readable; use `alphanumeric` for such fields).
#pragma once

#include <memory>

#include "value_cipher.h"

namespace sluice::maskers {

class AutoValueCipher final : public ValueCipher {
 public:
  // `addresses` handles both IP families; `digits` is the digits format.
  AutoValueCipher(std::unique_ptr<ValueCipher> addresses, std::unique_ptr<ValueCipher> digits)
      : addresses_(std::move(addresses)), digits_(std::move(digits)) {}

  support::Status encrypt(std::string_view value, std::string& out) override;
  support::Status decrypt(std::string_view value, std::string& out) override;

 private:
  // The cipher for `value`, or nothing when auto must refuse it (`reason` set).
  ValueCipher* route(std::string_view value, const char*& reason);

  std::unique_ptr<ValueCipher> addresses_;
  std::unique_ptr<ValueCipher> digits_;
};

}  // namespace sluice::maskers
