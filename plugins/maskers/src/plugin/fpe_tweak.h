// The tweak an fpe field uses when the step gives none: derived from the
// field's name, so that equal values in different fields (an id that is
// both a device id and a user id) mask differently. FF1 takes the name's
// bytes; FF3-1 needs exactly 56 bits and takes the first 7 bytes of
// SHA-256(name).
#pragma once

#include <sluice/plugin.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

#include "fpe_value_cipher.h"

namespace sluice::maskers {

std::vector<std::uint8_t> default_tweak(FpeMode mode, std::string_view field);

}  // namespace sluice::maskers
