#include "secret_source.h"

#include <filesystem>
#include <string_view>
#include <system_error>

#include <sluice/support/hex.hpp>

namespace sluice::maskers {
namespace {

// Generous for any key or salt; refusing more keeps a wrong path (a log
// file, a device) from being slurped into memory.
constexpr std::uintmax_t kMaxSecretBytes = 4096;

SecretBytes bytes_of(const support::SecretText& text) {
  const std::string_view view = text.view();
  return SecretBytes(std::span(reinterpret_cast<const std::uint8_t*>(view.data()), view.size()));
}

// Decodes straight into the wiped buffer: no plain std::string ever holds
// the key. `rule` says what a valid key looks like; messages quote it, never
// the text.
support::Result<SecretBytes> decode_hex_key(const SecretSource& source, const support::SecretText& text,
                                            bool length_ok, const std::string& rule) {
  if (!length_ok) {
    return support::config_error(source.describe() + " holds " + std::to_string(text.size()) +
                                 " characters; " + rule);
  }
  const std::string_view digits = text.view();
  SecretBytes key(digits.size() / 2);
  for (std::size_t i = 0; i < key.size(); ++i) {
    const int high = support::hex_digit_value(digits[2 * i]);
    const int low = support::hex_digit_value(digits[2 * i + 1]);
    if (high < 0 || low < 0) {
      return support::config_error(source.describe() + " does not hold only hex digits; " + rule);
    }
    key.data()[i] = static_cast<std::uint8_t>(high << 4 | low);
  }
  return key;
}

bool is_hmac_key_length(std::size_t digits) { return digits >= 32 && digits <= 512 && digits % 2 == 0; }

}  // namespace

SecretSource SecretSource::environment(std::string variable) {
  return SecretSource(Kind::environment, std::move(variable));
}

SecretSource SecretSource::file(std::string path) { return SecretSource(Kind::file, std::move(path)); }

std::string SecretSource::describe() const {
  return (kind_ == Kind::environment ? "environment variable " : "file ") + location_;
}

support::Result<support::SecretText> SecretSource::read_text() const {
  if (kind_ == Kind::environment) return support::read_secret_from_env(location_);
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(location_, error);
  if (!error && size > kMaxSecretBytes) {
    return support::config_error(describe() + " is larger than " + std::to_string(kMaxSecretBytes) +
                                 " bytes; not a key");
  }
  return support::read_secret_from_file(location_);
}

support::Result<SecretBytes> load_fpe_key(const SecretSource& source) {
  SLUICE_ASSIGN_OR_RETURN(const support::SecretText text, source.read_text());
  const std::size_t digits = text.size();
  return decode_hex_key(source, text, digits == 32 || digits == 48 || digits == 64,
                        "an fpe key is 32, 48 or 64 hex digits (AES-128, -192 or -256)");
}

support::Result<SecretBytes> load_hmac_key(const SecretSource& source) {
  SLUICE_ASSIGN_OR_RETURN(const support::SecretText text, source.read_text());
  return decode_hex_key(source, text, is_hmac_key_length(text.size()),
                        "an hmac_sha256 key is 32 to 512 hex digits (128 to 2048 bits)");
}

support::Result<SecretBytes> load_salt(const SecretSource& source) {
  SLUICE_ASSIGN_OR_RETURN(const support::SecretText text, source.read_text());
  return bytes_of(text);
}

support::Result<SecretBytes> load_hex_salt(const SecretSource& source) {
  SLUICE_ASSIGN_OR_RETURN(const support::SecretText text, source.read_text());
  return decode_hex_key(source, text, is_hmac_key_length(text.size()),
                        "a sha256 key_env/key_file salt is 32 to 512 hex digits");
}

}  // namespace sluice::maskers
