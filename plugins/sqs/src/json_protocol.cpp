// The AWS JSON 1.0 protocol: POST /, X-Amz-Target: AmazonSQS.<Action>, JSON
// bodies both ways, errors as {"__type": "...#Code", "message": "..."}.
#include <nlohmann/json.hpp>

#include "json_receive_decoder_internal.h"
#include "message_fields_internal.h"
#include "sqs_protocol_internal.h"

namespace sluice::sqs {
namespace {

using Json = nlohmann::json;

constexpr const char* kContentType = "application/x-amz-json-1.0";

EncodedCall encoded(SqsAction action, const Json& body) {
  return EncodedCall{{{"Content-Type", kContentType},
                      {"X-Amz-Target", "AmazonSQS." + std::string(action_name(action))}},
                     body.dump()};
}

Error malformed(std::string what) { return make_error(ErrorKind::kMalformed, std::move(what)); }

bool is_blank(std::string_view body) { return body.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Some emulators answer an empty receive with an empty body instead of {}.
Result<Json> parse_object(std::string_view body) {
  if (is_blank(body)) return Json::object();
  auto document = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return malformed("the reply is not valid JSON");
  if (!document.is_object()) return malformed("the reply is not a JSON object");
  return document;
}

// The string member `key` of `object`, or "" when absent or not a string.
std::string string_member(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// An optional array member: absent and null both read as empty.
Result<const Json*> array_member(const Json& object, const char* key) {
  static const Json kEmpty = Json::array();
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return &kEmpty;
  if (!it->is_array()) return malformed(std::string(key) + " is not an array");
  return &*it;
}

Json receive_attribute_names() {
  return Json::array({std::string(kSentTimestampAttribute), std::string(kReceiveCountAttribute)});
}

class JsonProtocol final : public SqsProtocol {
 public:
  std::string_view name() const override { return "json"; }

  EncodedCall encode_receive(std::string_view queue_url, const ReceiveRequest& request) const override {
    Json body = {{"QueueUrl", std::string(queue_url)},
                 {"MaxNumberOfMessages", request.max_messages},
                 {"WaitTimeSeconds", request.wait_time_seconds},
                 // AttributeNames is deprecated by AWS but the only name
                 // some emulators know; AWS accepts both.
                 {"MessageSystemAttributeNames", receive_attribute_names()},
                 {"AttributeNames", receive_attribute_names()}};
    if (request.visibility_timeout) body["VisibilityTimeout"] = *request.visibility_timeout;
    return encoded(SqsAction::kReceiveMessage, body);
  }

  EncodedCall encode_batch(SqsAction action, std::string_view queue_url,
                           const std::vector<BatchEntry>& entries) const override {
    Json list = Json::array();
    for (const auto& entry : entries) {
      Json item = {{"Id", entry.id}, {"ReceiptHandle", entry.receipt_handle}};
      if (action == SqsAction::kChangeMessageVisibilityBatch) item["VisibilityTimeout"] = entry.visibility_timeout;
      list.push_back(std::move(item));
    }
    return encoded(action, Json{{"QueueUrl", std::string(queue_url)}, {"Entries", std::move(list)}});
  }

  EncodedCall encode_get_queue_attributes(std::string_view queue_url,
                                          const std::vector<std::string>& names) const override {
    return encoded(SqsAction::kGetQueueAttributes, Json{{"QueueUrl", std::string(queue_url)}, {"AttributeNames", names}});
  }

  // The hot path: simdjson, see json_receive_decoder_internal.h.
  Result<std::vector<Message>> decode_receive(std::string_view body) const override {
    return decode_json_receive(body);
  }

  Result<BatchResult> decode_batch(SqsAction, std::string_view body) const override {
    auto document = parse_object(body);
    if (!document) return document.error();
    auto succeeded = array_member(*document, "Successful");
    if (!succeeded) return succeeded.error();
    auto failed = array_member(*document, "Failed");
    if (!failed) return failed.error();
    BatchResult result;
    for (const auto& item : **succeeded) {
      if (!item.is_object()) return malformed("a Successful entry is not an object");
      result.succeeded_ids.push_back(string_member(item, "Id"));
    }
    for (const auto& item : **failed) {
      if (!item.is_object()) return malformed("a Failed entry is not an object");
      auto sender_fault = item.find("SenderFault");
      result.failed.push_back({string_member(item, "Id"), string_member(item, "Code"),
                               string_member(item, "Message"),
                               sender_fault == item.end() || !sender_fault->is_boolean() || sender_fault->get<bool>()});
    }
    return result;
  }

  Result<QueueAttributes> decode_queue_attributes(std::string_view body) const override {
    auto document = parse_object(body);
    if (!document) return document.error();
    QueueAttributes attributes;
    auto members = document->find("Attributes");
    if (members == document->end() || members->is_null()) return attributes;
    if (!members->is_object()) return malformed("Attributes is not an object");
    for (const auto& [name, value] : members->items()) {
      if (value.is_string()) attributes[name] = value.get<std::string>();
    }
    return attributes;
  }

  AwsErrorReply decode_error(const HttpResponse& response) const override {
    AwsErrorReply reply{response.status, {}, {}, {}};
    if (const auto* query_error = find_header(response.headers, "x-amzn-query-error")) {
      reply.legacy_code = query_error->substr(0, query_error->find(';'));
    }
    auto document = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (!document.is_object()) return reply;
    // "__type" is "namespace#Code" and may carry a ":http://..." suffix.
    auto type = string_member(document, "__type");
    if (type.empty()) type = string_member(document, "code");
    auto hash = type.find('#');
    if (hash != std::string::npos) type.erase(0, hash + 1);
    reply.code = type.substr(0, type.find(':'));
    reply.message = string_member(document, "message");
    if (reply.message.empty()) reply.message = string_member(document, "Message");
    return reply;
  }
};

}  // namespace

std::unique_ptr<SqsProtocol> make_json_protocol() { return std::make_unique<JsonProtocol>(); }

}  // namespace sluice::sqs
