#include "auto_value_cipher.h"

#include <sluice/support/ascii.hpp>

namespace sluice::maskers {
namespace {

// Four groups of one to three digits separated by dots.
bool has_dotted_quad_layout(std::string_view value) {
  int groups = 0;
  std::size_t group_length = 0;
  for (const char c : value) {
    if (support::is_ascii_digit(c)) {
      if (++group_length > 3) return false;
    } else if (c == '.' && group_length > 0 && groups < 3) {
      ++groups;
      group_length = 0;
    } else {
      return false;
    }
  }
  return groups == 3 && group_length > 0;
}

}  // namespace

ValueCipher* AutoValueCipher::route(std::string_view value, const char*& reason) {
  if (value.find(':') != std::string_view::npos || has_dotted_quad_layout(value)) return addresses_.get();
  for (const char c : value) {
    if (support::is_ascii_alpha(c)) {
      reason = "has letters; fpe format auto masks IP addresses and digits only (set format: alphanumeric)";
      return nullptr;
    }
  }
  return digits_.get();
}

support::Status AutoValueCipher::encrypt(std::string_view value, std::string& out) {
  const char* reason = nullptr;
  ValueCipher* cipher = route(value, reason);
  return cipher != nullptr ? cipher->encrypt(value, out) : support::config_error(reason);
}

support::Status AutoValueCipher::decrypt(std::string_view value, std::string& out) {
  const char* reason = nullptr;
  ValueCipher* cipher = route(value, reason);
  return cipher != nullptr ? cipher->decrypt(value, out) : support::config_error(reason);
}

}  // namespace sluice::maskers
