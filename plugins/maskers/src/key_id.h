// Key ids: a short label (`k1`) written before a masked value as `k1:` so
// that, while keys are rotated, every stored value says which key made it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <sluice/support/status.hpp>

namespace sluice::maskers {

// 1 to 32 characters from [A-Za-z0-9_.-]: no ':' so the prefix is unambiguous.
support::Status check_key_id(std::string_view key_id);

// "k1:" for "k1"; "" when there is no key id.
std::string key_prefix(std::string_view key_id);

// `value` without `prefix`, or nothing when it does not start with it.
std::optional<std::string_view> strip_key_prefix(std::string_view value, std::string_view prefix);

}  // namespace sluice::maskers
