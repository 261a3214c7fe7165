// Decodes a JSON DeleteMessageBatch / ChangeMessageVisibilityBatch reply with
// simdjson: one runs for every ten messages settled, so, like the receive
// decoder, it reads the reply in place and copies out only the strings kept.
#pragma once

#include <string_view>

#include "error_kind.h"
#include "sqs_model.h"

namespace sluice::sqs {

Result<BatchResult> decode_json_batch(std::string_view body);

}  // namespace sluice::sqs
