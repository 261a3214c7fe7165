// Builds the ValueCipher for an fpe step from its settings: the mode
// (FF1 or FF3-1) and the format, with the key and tweak bound in.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <sluice/support/status.hpp>
#include "value_cipher.h"

namespace sluice::maskers {

enum class FpeMode { ff1, ff3_1 };
enum class FpeFormat { automatic, ipv4, ipv6, ip, digits, alphanumeric, alphabet };

// The names users write in a pipeline: "ff1", "ff3-1"; "auto", "ipv4",
// "ipv6", "ip", "digits", "alphanumeric", "alphabet".
std::optional<FpeMode> parse_fpe_mode(std::string_view name);
std::optional<FpeFormat> parse_fpe_format(std::string_view name);

struct FpeSettings {
  FpeMode mode = FpeMode::ff1;
  FpeFormat format = FpeFormat::automatic;
  std::string alphabet;  // the symbols, for FpeFormat::alphabet only
};

support::Result<std::unique_ptr<ValueCipher>> make_fpe_value_cipher(const FpeSettings& settings,
                                                                    std::span<const std::uint8_t> key,
                                                                    std::span<const std::uint8_t> tweak);

}  // namespace sluice::maskers
