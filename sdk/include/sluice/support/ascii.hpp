// sluice/support/ascii.hpp: locale-free ASCII helpers (<cctype> depends on
// the C locale, and protocol text such as HTTP header names must not).
#ifndef SLUICE_SUPPORT_ASCII_HPP
#define SLUICE_SUPPORT_ASCII_HPP

#include <string>
#include <string_view>

namespace sluice::support {

inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline char to_ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
inline char to_ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

inline std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = to_ascii_lower(c);
  return out;
}

inline bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_ascii_lower(a[i]) != to_ascii_lower(b[i])) return false;
  }
  return true;
}

// `text` without leading and trailing ASCII whitespace.
inline std::string_view trim_ascii_space(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace sluice::support

#endif  // SLUICE_SUPPORT_ASCII_HPP
