// Decodes a JSON ReceiveMessage reply with simdjson: it runs for every ten
// messages received, so it reads the reply in place (no DOM of nlohmann
// nodes per member) and copies out only the strings a Message keeps.
#pragma once

#include <string_view>
#include <vector>

#include "error_kind.h"
#include "sqs_model.h"

namespace sluice::sqs {

Result<std::vector<Message>> decode_json_receive(std::string_view body);

}  // namespace sluice::sqs
