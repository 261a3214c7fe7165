// sluice/support/secret.hpp: reading a secret (a key, a salt, a password, a
// DSN) from where the pipeline says it lives: an environment variable or a
// file. One rule for every plugin, which users can rely on:
//
//   the value is taken as it is stored, minus leading and trailing ASCII
//   whitespace (space, tab, CR, LF, FF, VT), so that a key file ending in a
//   newline or a stray space works; an empty result is an error.
//
// Messages name the variable or the file, never the secret.
#ifndef SLUICE_SUPPORT_SECRET_HPP
#define SLUICE_SUPPORT_SECRET_HPP

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include <sluice/support/ascii.hpp>
#include <sluice/support/status.hpp>

namespace sluice::support {

// Text that is wiped from memory when it goes away, so a key does not linger
// in freed heap pages. Move-only.
class SecretText {
 public:
  SecretText() = default;
  explicit SecretText(std::string text) : text_(std::move(text)) {}
  SecretText(SecretText&& other) noexcept : text_(std::move(other.text_)) { other.wipe(); }
  SecretText& operator=(SecretText&& other) noexcept {
    if (this != &other) {
      wipe();
      text_ = std::move(other.text_);
      other.wipe();
    }
    return *this;
  }
  SecretText(const SecretText&) = delete;
  SecretText& operator=(const SecretText&) = delete;
  ~SecretText() { wipe(); }

  std::string_view view() const noexcept { return text_; }
  // For APIs that need a NUL-terminated string (libpq, OpenSSL).
  const std::string& value() const noexcept { return text_; }
  std::size_t size() const noexcept { return text_.size(); }
  bool empty() const noexcept { return text_.empty(); }

  // Overwrites the text now, before the destructor would.
  void wipe() noexcept {
    volatile char* bytes = text_.data();
    for (std::size_t i = 0; i < text_.size(); ++i) bytes[i] = 0;
    text_.clear();
  }

 private:
  std::string text_;
};

namespace detail {
inline Result<SecretText> trimmed_secret(std::string raw, const std::string& where) {
  SecretText held(std::move(raw));
  const std::string_view trimmed = trim_ascii_space(held.view());
  if (trimmed.empty()) return config_error(where + " is empty");
  return SecretText(std::string(trimmed));
}
}  // namespace detail

inline Result<SecretText> read_secret_from_env(const std::string& variable) {
  const std::string where = "environment variable " + variable;
  const char* value = std::getenv(variable.c_str());
  if (value == nullptr) return config_error(where + " is not set");
  return detail::trimmed_secret(value, where);
}

inline Result<SecretText> read_secret_from_file(const std::string& path) {
  const std::string where = "secret file " + path;
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) return config_error("cannot read " + where + ": " + std::strerror(errno));
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return config_error("cannot read " + where);
  return detail::trimmed_secret(std::move(raw), where);
}

}  // namespace sluice::support

#endif  // SLUICE_SUPPORT_SECRET_HPP
