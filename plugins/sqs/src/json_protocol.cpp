// The AWS JSON 1.0 protocol: POST /, X-Amz-Target: AmazonSQS.<Action>, JSON
// bodies both ways, errors as {"__type": "...#Code", "message": "..."}.
#include <nlohmann/json.hpp>

#include "json_batch_decoder.h"
#include "json_receive_decoder.h"
#include "json_request_writer.h"
#include "message_fields.h"
#include "sqs_protocol.h"

namespace sluice::sqs {
namespace {

using Json = nlohmann::json;

constexpr const char* kContentType = "application/x-amz-json-1.0";

EncodedCall encoded(SqsAction action, std::string body) {
  return EncodedCall{
      {{"Content-Type", kContentType}, {"X-Amz-Target", "AmazonSQS." + std::string(action_name(action))}},
      std::move(body)};
}

EncodedCall encoded(SqsAction action, const Json& body) { return encoded(action, body.dump()); }

Status malformed(std::string what) { return make_error(ErrorKind::kMalformed, std::move(what)); }

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

void write_receive_attribute_names(JsonRequestWriter& body) {
  body.begin_array();
  body.string(kSentTimestampAttribute);
  body.string(kReceiveCountAttribute);
  body.end_array();
}

class JsonProtocol final : public SqsProtocol {
 public:
  std::string_view name() const override { return "json"; }

  EncodedCall encode_receive(std::string_view queue_url, const ReceiveRequest& request) const override {
    JsonRequestWriter body;
    body.begin_object();
    body.key("QueueUrl");
    body.string(queue_url);
    body.key("MaxNumberOfMessages");
    body.integer(request.max_messages);
    body.key("WaitTimeSeconds");
    body.integer(request.wait_time_seconds);
    // AttributeNames is deprecated by AWS but the only name some emulators
    // know; AWS accepts both.
    body.key("MessageSystemAttributeNames");
    write_receive_attribute_names(body);
    body.key("AttributeNames");
    write_receive_attribute_names(body);
    if (request.visibility_timeout) {
      body.key("VisibilityTimeout");
      body.integer(*request.visibility_timeout);
    }
    body.end_object();
    return encoded(SqsAction::kReceiveMessage, std::move(body).take());
  }

  EncodedCall encode_batch(SqsAction action, std::string_view queue_url,
                           const std::vector<BatchEntry>& entries) const override {
    JsonRequestWriter body;
    body.begin_object();
    body.key("QueueUrl");
    body.string(queue_url);
    body.key("Entries");
    body.begin_array();
    for (const auto& entry : entries) {
      body.begin_object();
      body.key("Id");
      body.string(entry.id);
      body.key("ReceiptHandle");
      body.string(entry.receipt_handle);
      if (action == SqsAction::kChangeMessageVisibilityBatch) {
        body.key("VisibilityTimeout");
        body.integer(entry.visibility_timeout);
      }
      body.end_object();
    }
    body.end_array();
    body.end_object();
    return encoded(action, std::move(body).take());
  }

  EncodedCall encode_get_queue_attributes(std::string_view queue_url,
                                          const std::vector<std::string>& names) const override {
    return encoded(SqsAction::kGetQueueAttributes,
                   Json{{"QueueUrl", std::string(queue_url)}, {"AttributeNames", names}});
  }

  // The hot path: simdjson, see json_receive_decoder.h.
  Result<std::vector<Message>> decode_receive(std::string_view body) const override {
    return decode_json_receive(body);
  }

  Result<BatchResult> decode_batch(SqsAction, std::string_view body) const override {
    return decode_json_batch(body);
  }

  Result<QueueAttributes> decode_queue_attributes(std::string_view body) const override {
    SLUICE_ASSIGN_OR_RETURN(auto document, parse_object(body));
    QueueAttributes attributes;
    auto members = document.find("Attributes");
    if (members == document.end() || members->is_null()) return attributes;
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
