// sluice/detail/secret_checks.hpp — telling a secret from the name of the
// place it lives, and refusing secret files others can read.
//
// `*_env` options take an environment variable's name and `*_file` options
// a path. A secret pasted there instead (often through `${VAR}` expansion:
// `key_env: ${SLUICE_MASK_KEY}`) must be reported without being echoed, so
// messages quote a name or path only when it passes these checks.
// Secret files are held to the rule of ssh keys and libpq's password file:
// no access for others and no writing by the group (group reading is
// allowed: Kubernetes mounts secrets 0440 with an fsGroup).
#ifndef SLUICE_DETAIL_SECRET_CHECKS_HPP
#define SLUICE_DETAIL_SECRET_CHECKS_HPP

#include <sys/stat.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace sluice {
namespace detail {

inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_hex_digit(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// The shape of a key or token: 16 or more hex digits, or 20 or more
// characters mixing letters and digits with no separator a name would use.
inline bool looks_like_token(std::string_view text) {
  bool all_hex = true, digit = false, letter = false, separator = false;
  for (char c : text) {
    all_hex = all_hex && is_hex_digit(c);
    digit = digit || is_ascii_digit(c);
    letter = letter || is_ascii_letter(c);
    separator = separator || c == '_' || c == '-' || c == '.';
  }
  if (all_hex && text.size() >= 16) return true;
  return text.size() >= 20 && digit && letter && !separator;
}

}  // namespace detail

// True when `text` could be an environment variable's name:
// [A-Za-z_][A-Za-z0-9_]*, at most 128 characters, not shaped like a token.
inline bool looks_like_variable_name(std::string_view text) {
  if (text.empty() || text.size() > 128 || detail::is_ascii_digit(text[0])) return false;
  for (char c : text) {
    if (!detail::is_ascii_letter(c) && !detail::is_ascii_digit(c) && c != '_') return false;
  }
  return !detail::looks_like_token(text);
}

// True when `text` could be a file's path: no URL, no `key=value`, no
// control character, and not shaped like a token.
inline bool looks_like_path(std::string_view text) {
  if (text.empty() || text.size() > 4096) return false;
  if (text.find("://") != std::string_view::npos || text.find('=') != std::string_view::npos) {
    return false;
  }
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  }
  return text.front() == '/' || !detail::looks_like_token(text);
}

// Why the file at `path` is too open to hold a secret, or "" when it is
// private enough (or is not a regular file, or cannot be examined: reading
// it then fails with its own message).
inline std::string secret_file_permission_problem(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return "";
  const unsigned mode = info.st_mode & 07777;
  if ((mode & 0007) == 0 && (mode & 0020) == 0) return "";
  char octal[8];
  std::snprintf(octal, sizeof octal, "%04o", mode);
  return std::string("is ") + ((mode & 0007) != 0 ? "accessible by others" : "writable by its group") +
         " (mode " + octal + "); a file holding a secret must not be: chmod 600 it (or 640 to " +
         "share it with a group)";
}

}  // namespace sluice

#endif  // SLUICE_DETAIL_SECRET_CHECKS_HPP
