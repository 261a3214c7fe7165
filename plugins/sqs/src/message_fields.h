// Checks shared by both protocols' decoders of received messages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "error_kind.h"
#include "sqs_model.h"

namespace sluice::sqs {

// SQS sends numeric attributes as decimal strings; anything else (missing,
// empty, signed, out of range) reads as unknown rather than failing the
// whole receive.
std::optional<std::int64_t> parse_attribute_integer(std::string_view text);

// A message we could neither acknowledge nor emit makes the reply
// malformed: it needs an id, a receipt handle and a UTF-8 body.
Status check_received_message(const Message& message, std::size_t index);

}  // namespace sluice::sqs
