// Writing JSON replies by hand: they are few shapes, and appending to one
// string costs far less than building a document per reply.
#pragma once

#include <string>
#include <string_view>

namespace sqs_server {

// Appends `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace sqs_server
