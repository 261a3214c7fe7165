#include "ip_value_cipher.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdint>

namespace sluice::maskers {
namespace {

const char* refusal(IpFamily family) {
  switch (family) {
    case IpFamily::v4: return "not a valid IPv4 address";
    case IpFamily::v6: return "not a valid IPv6 address";
    case IpFamily::either: break;
  }
  return "not a valid IPv4 or IPv6 address";
}

// Only an IPv6 address has a colon; inet_pton decides the rest.
IpFamily detect(std::string_view value) {
  return value.find(':') == std::string_view::npos ? IpFamily::v4 : IpFamily::v6;
}

}  // namespace

IpValueCipher::IpValueCipher(IpFamily family, std::unique_ptr<NumeralCipher> cipher)
    : family_(family), cipher_(std::move(cipher)) {}

support::Status IpValueCipher::encrypt(std::string_view value, std::string& out) {
  return crypt(value, out, Direction::encrypt);
}

support::Status IpValueCipher::decrypt(std::string_view value, std::string& out) {
  return crypt(value, out, Direction::decrypt);
}

support::Status IpValueCipher::crypt(std::string_view value, std::string& out, Direction direction) {
  const IpFamily family = detect(value);
  if (family_ != IpFamily::either && family_ != family) return support::config_error(refusal(family_));

  char text[INET6_ADDRSTRLEN];
  if (value.size() >= sizeof text) return support::config_error(refusal(family_));
  std::copy(value.begin(), value.end(), text);
  text[value.size()] = '\0';

  const int af = family == IpFamily::v4 ? AF_INET : AF_INET6;
  std::uint8_t address[16];
  if (inet_pton(af, text, address) != 1) return support::config_error(refusal(family_));

  const std::span<std::uint8_t> bytes(address, family == IpFamily::v4 ? 4 : 16);
  SLUICE_TRY(direction == Direction::encrypt ? cipher_->encrypt(bytes, bytes)
                                             : cipher_->decrypt(bytes, bytes));

  if (inet_ntop(af, address, text, sizeof text) == nullptr) return support::config_error(refusal(family_));
  out.assign(text);
  return support::Status::success();
}

}  // namespace sluice::maskers
