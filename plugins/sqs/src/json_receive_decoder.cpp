#include "json_receive_decoder.h"

#include <limits>

#include <simdjson.h>

#include "message_fields.h"
#include "sqs_protocol.h"

namespace sluice::sqs {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

Status malformed(std::string what) { return make_error(ErrorKind::kMalformed, std::move(what)); }

bool is_blank(std::string_view body) { return body.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// The string member `key`, or "" when absent or not a string.
std::string string_member(const object& item, std::string_view key) {
  std::string_view text;
  if (item[key].get_string().get(text) != simdjson::SUCCESS) return {};
  return std::string(text);
}

std::optional<std::int64_t> integer_attribute(const object& attributes, std::string_view name) {
  element value;
  if (attributes[name].get(value) != simdjson::SUCCESS) return std::nullopt;
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) return parse_attribute_integer(text);
  // Beyond int64 is out of range, as for the decimal strings SQS sends.
  std::uint64_t number = 0;
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (value.get_uint64().get(number) == simdjson::SUCCESS && number <= kMax) {
    return static_cast<std::int64_t>(number);
  }
  return std::nullopt;
}

Result<Message> decode_message(element item, std::size_t index) {
  object fields;
  if (item.get_object().get(fields) != simdjson::SUCCESS) {
    return malformed("message " + std::to_string(index) + " is not an object");
  }
  Message message{string_member(fields, "MessageId"), string_member(fields, "ReceiptHandle"),
                  string_member(fields, "Body"), std::nullopt, std::nullopt};
  object attributes;
  if (fields["Attributes"].get_object().get(attributes) == simdjson::SUCCESS) {
    message.sent_timestamp_ms = integer_attribute(attributes, kSentTimestampAttribute);
    message.receive_count = integer_attribute(attributes, kReceiveCountAttribute);
  }
  SLUICE_TRY(check_received_message(message, index));
  return message;
}

}  // namespace

Result<std::vector<Message>> decode_json_receive(std::string_view body) {
  std::vector<Message> messages;
  // Some emulators answer an empty receive with an empty body instead of {}.
  if (is_blank(body)) return messages;
  // One parser per thread keeps its buffers from one reply to the next.
  thread_local simdjson::dom::parser parser;
  element document;
  if (parser.parse(body.data(), body.size()).get(document) != simdjson::SUCCESS) {
    return malformed("the reply is not valid JSON");
  }
  object reply;
  if (document.get_object().get(reply) != simdjson::SUCCESS)
    return malformed("the reply is not a JSON object");
  element items;
  if (reply["Messages"].get(items) != simdjson::SUCCESS || items.is_null()) return messages;
  simdjson::dom::array list;
  if (items.get_array().get(list) != simdjson::SUCCESS) return malformed("Messages is not an array");
  messages.reserve(list.size());
  for (auto item : list) {
    SLUICE_ASSIGN_OR_RETURN(auto message, decode_message(item, messages.size()));
    messages.push_back(std::move(message));
  }
  return messages;
}

}  // namespace sluice::sqs
