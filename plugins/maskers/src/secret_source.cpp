#include "secret_source.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>

#include "byte_encoding.h"

namespace sluice::maskers {
namespace {

// Generous for any key or salt; refusing more keeps a wrong path (a log
// file, a device) from being slurped into memory.
constexpr std::size_t kMaxSecretBytes = 4096;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

support::Result<SecretBytes> copy_trimmed(std::string_view text, const SecretSource& source) {
  const std::string_view trimmed = trim(text);
  if (trimmed.empty()) return support::config_error(source.describe() + " is empty");
  return SecretBytes(std::span(reinterpret_cast<const std::uint8_t*>(trimmed.data()), trimmed.size()));
}

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// `rule` says what a valid key looks like; messages quote it, never the text.
support::Result<SecretBytes> decode_hex_key(const SecretSource& source, const SecretBytes& text,
                                            bool length_ok, const std::string& rule) {
  if (!length_ok) {
    return support::config_error(source.describe() + " holds " + std::to_string(text.size()) +
                                 " characters; " + rule);
  }
  SecretBytes key(text.size() / 2);
  const std::string_view digits(reinterpret_cast<const char*>(text.bytes().data()), text.size());
  if (!decode_hex(digits, std::span(key.data(), key.size()))) {
    return support::config_error(source.describe() + " does not hold only hex digits; " + rule);
  }
  return key;
}

}  // namespace

SecretSource SecretSource::environment(std::string variable) {
  return SecretSource(Kind::environment, std::move(variable));
}

SecretSource SecretSource::file(std::string path) { return SecretSource(Kind::file, std::move(path)); }

std::string SecretSource::describe() const {
  return (kind_ == Kind::environment ? "environment variable " : "file ") + location_;
}

support::Result<SecretBytes> SecretSource::read_text() const {
  return kind_ == Kind::environment ? read_environment() : read_file();
}

support::Result<SecretBytes> SecretSource::read_environment() const {
  const char* text = std::getenv(location_.c_str());
  if (text == nullptr) return support::config_error(describe() + " is not set");
  return copy_trimmed(text, *this);
}

support::Result<SecretBytes> SecretSource::read_file() const {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(location_.c_str(), "rb"));
  if (!file) return support::config_error(describe() + ": cannot open: " + std::strerror(errno));
  SecretBytes buffer(kMaxSecretBytes + 1);
  const std::size_t length = std::fread(buffer.data(), 1, buffer.size(), file.get());
  if (std::ferror(file.get()))
    return support::config_error(describe() + ": cannot read: " + std::strerror(errno));
  if (length > kMaxSecretBytes) {
    return support::config_error(describe() + " is larger than " + std::to_string(kMaxSecretBytes) +
                                 " bytes; not a key");
  }
  return copy_trimmed(std::string_view(reinterpret_cast<const char*>(buffer.data()), length), *this);
}

support::Result<SecretBytes> load_fpe_key(const SecretSource& source) {
  SLUICE_ASSIGN_OR_RETURN(const SecretBytes text, source.read_text());
  const std::size_t digits = text.size();
  return decode_hex_key(source, text, digits == 32 || digits == 48 || digits == 64,
                        "an fpe key is 32, 48 or 64 hex digits (AES-128, -192 or -256)");
}

support::Result<SecretBytes> load_hmac_key(const SecretSource& source) {
  SLUICE_ASSIGN_OR_RETURN(const SecretBytes text, source.read_text());
  const std::size_t digits = text.size();
  return decode_hex_key(source, text, digits >= 32 && digits <= 512 && digits % 2 == 0,
                        "an hmac_sha256 key is 32 to 512 hex digits (128 to 2048 bits)");
}

support::Result<SecretBytes> load_salt(const SecretSource& source) { return source.read_text(); }

support::Result<SecretBytes> load_hex_salt(const SecretSource& source) {
  SLUICE_ASSIGN_OR_RETURN(const SecretBytes text, source.read_text());
  const std::size_t digits = text.size();
  return decode_hex_key(source, text, digits >= 32 && digits <= 512 && digits % 2 == 0,
                        "a sha256 key_env/key_file salt is 32 to 512 hex digits");
}

}  // namespace sluice::maskers
