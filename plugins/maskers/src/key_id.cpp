#include "key_id.h"

namespace sluice::maskers {
namespace {

constexpr std::size_t kMaxKeyIdLength = 32;

bool is_key_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
         c == '-';
}

}  // namespace

support::Status check_key_id(std::string_view key_id) {
  if (key_id.empty() || key_id.size() > kMaxKeyIdLength) {
    return support::config_error("key_id must be 1 to " + std::to_string(kMaxKeyIdLength) + " characters");
  }
  for (const char c : key_id) {
    if (!is_key_id_char(c))
      return support::config_error("key_id may only contain letters, digits, '_', '.' and '-'");
  }
  return support::Status::success();
}

std::string key_prefix(std::string_view key_id) {
  return key_id.empty() ? std::string() : std::string(key_id) + ":";
}

std::optional<std::string_view> strip_key_prefix(std::string_view value, std::string_view prefix) {
  if (!value.starts_with(prefix)) return std::nullopt;
  value.remove_prefix(prefix.size());
  return value;
}

}  // namespace sluice::maskers
