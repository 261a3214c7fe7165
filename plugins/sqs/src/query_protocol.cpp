// The query protocol: form-encoded POST (Action=...&Version=2012-11-05), XML
// replies such as <ReceiveMessageResponse><ReceiveMessageResult>..., and
// errors as <ErrorResponse><Error><Code>...</Code><Message>...</Message>.
#include "message_fields.h"
#include "sqs_protocol.h"
#include "uri_encoding.h"
#include "xml_reader.h"

namespace sluice::sqs {
namespace {

constexpr const char* kApiVersion = "2012-11-05";

FormFields action_fields(SqsAction action, std::string_view queue_url) {
  return {{"Action", std::string(action_name(action))},
          {"Version", kApiVersion},
          {"QueueUrl", std::string(queue_url)}};
}

EncodedCall encoded(const FormFields& fields) {
  return EncodedCall{{{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
                     form_encode(fields)};
}

// Adds prefix.1=..., prefix.2=... for each value.
void add_list(FormFields& fields, std::string_view prefix, const std::vector<std::string>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    fields.emplace_back(std::string(prefix) + "." + std::to_string(i + 1), values[i]);
  }
}

Status malformed(std::string what) { return make_error(ErrorKind::kMalformed, std::move(what)); }

// Parses `body` and returns <Action>Response/<Action>Result.
Result<const XmlElement*> action_result(const XmlElement& root, SqsAction action) {
  auto name = std::string(action_name(action));
  if (root.name != name + "Response")
    return malformed("expected <" + name + "Response>, got <" + root.name + ">");
  const auto* result = root.child(name + "Result");
  if (result == nullptr) return malformed("<" + name + "Response> has no <" + name + "Result>");
  return result;
}

// <Attribute><Name>n</Name><Value>v</Value></Attribute>, repeated.
QueueAttributes attribute_pairs(const XmlElement& parent) {
  QueueAttributes attributes;
  for (const auto* attribute : parent.children_named("Attribute")) {
    attributes[std::string(attribute->child_text("Name"))] = std::string(attribute->child_text("Value"));
  }
  return attributes;
}

std::optional<std::int64_t> integer_attribute(const QueueAttributes& attributes, std::string_view name) {
  auto it = attributes.find(name);
  return it == attributes.end() ? std::nullopt : parse_attribute_integer(it->second);
}

Result<Message> decode_message(const XmlElement& element, std::size_t index) {
  auto attributes = attribute_pairs(element);
  Message message{std::string(element.child_text("MessageId")),
                  std::string(element.child_text("ReceiptHandle")), std::string(element.child_text("Body")),
                  integer_attribute(attributes, kSentTimestampAttribute),
                  integer_attribute(attributes, kReceiveCountAttribute)};
  SLUICE_TRY(check_received_message(message, index));
  return message;
}

// <Error> sits under <ErrorResponse>, or under <Response><Errors> in some
// older services' replies.
const XmlElement* find_error_element(const XmlElement& root) {
  if (const auto* error = root.child("Error")) return error;
  if (const auto* errors = root.child("Errors")) return errors->child("Error");
  return root.name == "Error" ? &root : nullptr;
}

class QueryProtocol final : public SqsProtocol {
 public:
  std::string_view name() const override { return "query"; }

  EncodedCall encode_receive(std::string_view queue_url, const ReceiveRequest& request) const override {
    auto fields = action_fields(SqsAction::kReceiveMessage, queue_url);
    fields.emplace_back("MaxNumberOfMessages", std::to_string(request.max_messages));
    fields.emplace_back("WaitTimeSeconds", std::to_string(request.wait_time_seconds));
    if (request.visibility_timeout)
      fields.emplace_back("VisibilityTimeout", std::to_string(*request.visibility_timeout));
    std::vector<std::string> names{std::string(kSentTimestampAttribute), std::string(kReceiveCountAttribute)};
    // AttributeName is deprecated by AWS but the only name old LocalStack
    // images and some emulators know; AWS accepts both.
    add_list(fields, "AttributeName", names);
    add_list(fields, "MessageSystemAttributeName", names);
    return encoded(fields);
  }

  EncodedCall encode_batch(SqsAction action, std::string_view queue_url,
                           const std::vector<BatchEntry>& entries) const override {
    auto fields = action_fields(action, queue_url);
    auto entry_prefix = std::string(action_name(action)) + "RequestEntry.";
    for (std::size_t i = 0; i < entries.size(); ++i) {
      auto prefix = entry_prefix + std::to_string(i + 1) + ".";
      fields.emplace_back(prefix + "Id", entries[i].id);
      fields.emplace_back(prefix + "ReceiptHandle", entries[i].receipt_handle);
      if (action == SqsAction::kChangeMessageVisibilityBatch) {
        fields.emplace_back(prefix + "VisibilityTimeout", std::to_string(entries[i].visibility_timeout));
      }
    }
    return encoded(fields);
  }

  EncodedCall encode_get_queue_attributes(std::string_view queue_url,
                                          const std::vector<std::string>& names) const override {
    auto fields = action_fields(SqsAction::kGetQueueAttributes, queue_url);
    add_list(fields, "AttributeName", names);
    return encoded(fields);
  }

  Result<std::vector<Message>> decode_receive(std::string_view body) const override {
    SLUICE_ASSIGN_OR_RETURN(auto root, parse_xml(body));
    SLUICE_ASSIGN_OR_RETURN(auto result, action_result(root, SqsAction::kReceiveMessage));
    std::vector<Message> messages;
    for (const auto* element : result->children_named("Message")) {
      SLUICE_ASSIGN_OR_RETURN(auto message, decode_message(*element, messages.size()));
      messages.push_back(std::move(message));
    }
    return messages;
  }

  Result<BatchResult> decode_batch(SqsAction action, std::string_view body) const override {
    SLUICE_ASSIGN_OR_RETURN(auto root, parse_xml(body));
    SLUICE_ASSIGN_OR_RETURN(auto result, action_result(root, action));
    BatchResult batch;
    for (const auto* entry : result->children_named(std::string(action_name(action)) + "ResultEntry")) {
      batch.succeeded_ids.emplace_back(entry->child_text("Id"));
    }
    for (const auto* entry : result->children_named("BatchResultErrorEntry")) {
      batch.failed.push_back({std::string(entry->child_text("Id")), std::string(entry->child_text("Code")),
                              std::string(entry->child_text("Message")),
                              entry->child_text("SenderFault") != "false"});
    }
    return batch;
  }

  Result<QueueAttributes> decode_queue_attributes(std::string_view body) const override {
    SLUICE_ASSIGN_OR_RETURN(auto root, parse_xml(body));
    SLUICE_ASSIGN_OR_RETURN(auto result, action_result(root, SqsAction::kGetQueueAttributes));
    return attribute_pairs(*result);
  }

  AwsErrorReply decode_error(const HttpResponse& response) const override {
    AwsErrorReply reply{response.status, {}, {}, {}};
    auto root = parse_xml(response.body);
    if (!root.ok()) return reply;
    const auto* error = find_error_element(*root);
    if (error == nullptr) return reply;
    // The query protocol's codes are the legacy ones, e.g.
    // "AWS.SimpleQueueService.NonExistentQueue".
    reply.legacy_code = std::string(error->child_text("Code"));
    reply.code = reply.legacy_code;
    reply.message = std::string(error->child_text("Message"));
    return reply;
  }
};

}  // namespace

std::unique_ptr<SqsProtocol> make_query_protocol() { return std::make_unique<QueryProtocol>(); }

}  // namespace sluice::sqs
