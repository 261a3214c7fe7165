// Unpadded base64url (RFC 4648 §5), one of the two ways a hash masker
// writes its digest; hex comes from sluice/support/hex.hpp.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace sluice::maskers {

// Base64url without '=' padding: safe in URLs, file names and SQL literals.
void append_base64url(std::span<const std::uint8_t> bytes, std::string& out);

}  // namespace sluice::maskers
