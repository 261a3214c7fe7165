// Percent-encoding as AWS specifies it for SigV4 and form bodies: every byte
// except the RFC 3986 unreserved characters becomes %XX (uppercase hex).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::sqs {

enum class SlashEncoding { kEncode, kKeep };

std::string uri_encode(std::string_view text, SlashEncoding slashes = SlashEncoding::kEncode);

// Decodes %XX sequences; a malformed sequence is kept as written.
std::string percent_decode(std::string_view text);

using FormFields = std::vector<std::pair<std::string, std::string>>;

// application/x-www-form-urlencoded body, fields in the given order.
std::string form_encode(const FormFields& fields);

}  // namespace sluice::sqs
