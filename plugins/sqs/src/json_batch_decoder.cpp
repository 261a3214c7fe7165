#include "json_batch_decoder.h"

#include <optional>

#include <simdjson.h>

namespace sluice::sqs {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

Status batch_malformed(std::string what) { return make_error(ErrorKind::kMalformed, std::move(what)); }

// The string member `key`, or "" when absent or not a string.
std::string batch_string_member(const object& item, std::string_view key) {
  std::string_view text;
  if (item[key].get_string().get(text) != simdjson::SUCCESS) return {};
  return std::string(text);
}

// An optional array member: absent and null both read as no entries (nullopt).
Result<std::optional<array>> optional_array(const object& reply, std::string_view key) {
  element member;
  if (reply[key].get(member) != simdjson::SUCCESS || member.is_null()) return std::optional<array>();
  array list;
  if (member.get_array().get(list) != simdjson::SUCCESS) {
    return batch_malformed(std::string(key) + " is not an array");
  }
  return std::optional<array>(list);
}

Result<BatchEntryFailure> decode_failure(element item) {
  object fields;
  if (item.get_object().get(fields) != simdjson::SUCCESS)
    return batch_malformed("a Failed entry is not an object");
  // SQS blames the sender unless it says otherwise.
  bool sender_fault = true;
  bool said = false;
  if (fields["SenderFault"].get_bool().get(said) == simdjson::SUCCESS) sender_fault = said;
  return BatchEntryFailure{batch_string_member(fields, "Id"), batch_string_member(fields, "Code"),
                           batch_string_member(fields, "Message"), sender_fault};
}

}  // namespace

Result<BatchResult> decode_json_batch(std::string_view body) {
  BatchResult result;
  // Some emulators answer with an empty body instead of {}.
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return result;
  thread_local simdjson::dom::parser parser;
  element document;
  if (parser.parse(body.data(), body.size()).get(document) != simdjson::SUCCESS) {
    return batch_malformed("the reply is not valid JSON");
  }
  object reply;
  if (document.get_object().get(reply) != simdjson::SUCCESS)
    return batch_malformed("the reply is not a JSON object");
  SLUICE_ASSIGN_OR_RETURN(auto succeeded, optional_array(reply, "Successful"));
  SLUICE_ASSIGN_OR_RETURN(auto failed, optional_array(reply, "Failed"));
  if (succeeded) {
    for (auto item : *succeeded) {
      object fields;
      if (item.get_object().get(fields) != simdjson::SUCCESS) {
        return batch_malformed("a Successful entry is not an object");
      }
      result.succeeded_ids.push_back(batch_string_member(fields, "Id"));
    }
  }
  if (failed) {
    for (auto item : *failed) {
      SLUICE_ASSIGN_OR_RETURN(auto failure, decode_failure(item));
      result.failed.push_back(std::move(failure));
    }
  }
  return result;
}

}  // namespace sluice::sqs
