#include "sqs_service.h"

#include <chrono>
#include <set>

#include <sluice/support/json_text.hpp>

#include "request_fields.h"

namespace sqs_server {

using sluice::support::append_json_string;

namespace {

using std::chrono::seconds;

constexpr std::size_t kMaxBatchEntries = 10;
constexpr std::int64_t kMaxVisibilitySeconds = 43200;
constexpr seconds kDefaultVisibility{30};
constexpr std::size_t kMaxBodyBytes = 256 * 1024;

std::int64_t epoch_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Reply error_reply(const ClientError& error) {
  std::string body = "{\"__type\":";
  append_json_string(body, "com.amazonaws.sqs#" + error.code);
  body += ",\"message\":";
  append_json_string(body, error.what());
  body += "}";
  return Reply{400, std::move(body), error.query_error};
}

ClientError no_such_queue() {
  return ClientError("QueueDoesNotExist", "The specified queue does not exist.",
                     "AWS.SimpleQueueService.NonExistentQueue;Sender");
}

std::shared_ptr<Queue> queue_of(QueueRegistry& queues, const RequestFields& request) {
  auto queue = queues.by_url(request.required_string("QueueUrl"));
  if (!queue) throw no_such_queue();
  return queue;
}

Reply json_reply(std::string body) { return Reply{200, std::move(body), {}}; }

// One entry of a batch request: its Id, unique within the request.
struct BatchEntry {
  std::string_view id;
  RequestFields fields;
};

std::vector<BatchEntry> batch_entries(const RequestFields& request) {
  auto entries = request.optional_array("Entries");
  if (!entries || entries->size() == 0)
    throw ClientError("EmptyBatchRequest", "There should be at least one entry");
  if (entries->size() > kMaxBatchEntries) {
    throw ClientError("TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10");
  }
  std::vector<BatchEntry> result;
  std::set<std::string_view> ids;
  for (auto element : *entries) {
    simdjson::dom::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS) {
      throw ClientError("InvalidParameterValue", "a batch entry is not an object");
    }
    RequestFields fields(object);
    auto id = fields.required_string("Id");
    if (!ids.insert(id).second)
      throw ClientError("BatchEntryIdsNotDistinct", "Id " + std::string(id) + " repeated");
    result.push_back(BatchEntry{id, fields});
  }
  return result;
}

// {"Successful": [...], "Failed": [...]} of a batch call.
class BatchReply {
 public:
  void succeeded(std::string_view id, std::string_view extra_members = {}) {
    successful_ += successful_.empty() ? "" : ",";
    successful_ += "{\"Id\":";
    append_json_string(successful_, id);
    successful_ += extra_members;
    successful_ += "}";
  }
  void failed(std::string_view id, std::string_view code, std::string_view message) {
    failed_ += failed_.empty() ? "" : ",";
    failed_ += "{\"Id\":";
    append_json_string(failed_, id);
    failed_ += ",\"SenderFault\":true,\"Code\":";
    append_json_string(failed_, code);
    failed_ += ",\"Message\":";
    append_json_string(failed_, message);
    failed_ += "}";
  }
  // An empty Failed list is left out, as SQS and the emulator do.
  Reply reply() const {
    std::string body = "{\"Successful\":[" + successful_ + "]";
    if (!failed_.empty()) body += ",\"Failed\":[" + failed_ + "]";
    return json_reply(body + "}");
  }

 private:
  std::string successful_;
  std::string failed_;
};

void fail_entry(BatchReply& reply, std::string_view id, HandleVerdict verdict) {
  if (verdict == HandleVerdict::kInvalid) {
    reply.failed(id, "ReceiptHandleIsInvalid", "The input receipt handle is invalid.");
  } else {
    reply.failed(id, "MessageNotInflight", "The message is not in flight with this receipt handle.");
  }
}

std::string receive_reply_body(const std::vector<ReceivedMessage>& messages, const PendingReceive& pending) {
  std::string out;
  out.reserve(64 + messages.size() * 512);
  out += "{\"Messages\":[";
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const auto& m = messages[i];
    out += i ? ",{\"MessageId\":" : "{\"MessageId\":";
    append_json_string(out, m.message_id);
    out += ",\"ReceiptHandle\":";
    append_json_string(out, m.receipt_handle);
    out += ",\"MD5OfBody\":";
    append_json_string(out, m.body_md5);
    out += ",\"Body\":";
    append_json_string(out, m.body);
    out += ",\"Attributes\":{";
    const char* separator = "";
    if (pending.with_sent_timestamp) {
      out += "\"SentTimestamp\":\"" + std::to_string(m.sent_timestamp_ms) + "\"";
      separator = ",";
    }
    if (pending.with_receive_count) {
      out += separator;
      out += "\"ApproximateReceiveCount\":\"" + std::to_string(m.receive_count) + "\"";
    }
    out += "}}";
  }
  out += "]}";
  return out;
}

// The messages a receive gets now; nothing (keep waiting) while the queue
// is empty and the long poll's deadline has not come.
std::optional<Reply> receive_now(ActionCounters& counters, const PendingReceive& pending,
                                 Clock::time_point now) {
  auto messages = pending.queue->receive(pending.max_messages, pending.visibility, now);
  if (messages.empty() && now < pending.deadline) return std::nullopt;
  if (messages.empty()) {
    counters.count_empty_receive();
    return json_reply("{}");
  }
  counters.count_messages_received(messages.size());
  return json_reply(receive_reply_body(messages, pending));
}

class Handler {
 public:
  Handler(QueueRegistry& queues, ActionCounters& counters, const RequestFields& request,
          Clock::time_point now)
      : queues_(queues), counters_(counters), request_(request), now_(now) {}

  Reply create_queue() {
    auto name = std::string(request_.required_string("QueueName"));
    if (!valid_queue_name(name)) throw ClientError("InvalidParameterValue", "invalid queue name");
    auto visibility = kDefaultVisibility;
    if (auto attributes = request_.optional_object("Attributes")) {
      if (auto value =
              RequestFields(*attributes).optional_integer("VisibilityTimeout", 0, kMaxVisibilitySeconds)) {
        visibility = seconds(*value);
      }
    }
    queues_.create(name, visibility);
    return url_reply(name);
  }

  Reply get_queue_url() {
    auto name = std::string(request_.required_string("QueueName"));
    if (!queues_.by_name(name)) throw no_such_queue();
    return url_reply(name);
  }

  Reply delete_queue() {
    if (!queues_.remove(queue_of(queues_, request_)->name())) throw no_such_queue();
    return json_reply("{}");
  }

  Reply get_queue_attributes() {
    auto queue = queue_of(queues_, request_);
    auto names = request_.optional_array("AttributeNames");
    auto counts = queue->counts(now_);
    std::string out = "{\"Attributes\":{";
    const char* separator = "";
    auto add = [&](std::string_view name, const std::string& value) {
      if (!names_attribute(names, name)) return;
      out += separator;
      append_json_string(out, name);
      out += ":";
      append_json_string(out, value);
      separator = ",";
    };
    add("ApproximateNumberOfMessages", std::to_string(counts.visible));
    add("ApproximateNumberOfMessagesNotVisible", std::to_string(counts.in_flight));
    add("ApproximateNumberOfMessagesDelayed", "0");
    add("VisibilityTimeout", std::to_string(queue->visibility_timeout().count()));
    add("QueueArn", "arn:aws:sqs:us-east-1:" + std::string(kAccountId) + ":" + queue->name());
    return json_reply(out + "}}");
  }

  Reply send_message() {
    auto queue = queue_of(queues_, request_);
    auto body = checked_body(request_);
    auto id = queue->send(std::string(body), epoch_ms());
    std::string out = "{\"MessageId\":";
    append_json_string(out, id);
    return json_reply(out + "}");
  }

  Reply send_message_batch() {
    auto queue = queue_of(queues_, request_);
    BatchReply reply;
    auto sent_at = epoch_ms();
    for (const auto& entry : batch_entries(request_)) {
      auto body = entry.fields.optional_string("MessageBody");
      if (!body || body->empty() || body->size() > kMaxBodyBytes) {
        reply.failed(entry.id, "InvalidParameterValue", "MessageBody must hold 1 byte to 256 KiB");
        continue;
      }
      auto id = queue->send(std::string(*body), sent_at);
      std::string members = ",\"MessageId\":";
      append_json_string(members, id);
      reply.succeeded(entry.id, members);
    }
    return reply.reply();
  }

  Outcome receive_message() {
    PendingReceive pending;
    pending.queue = queue_of(queues_, request_);
    pending.max_messages =
        static_cast<std::size_t>(request_.optional_integer("MaxNumberOfMessages", 1, 10).value_or(1));
    auto wait = request_.optional_integer("WaitTimeSeconds", 0, 20).value_or(0);
    pending.visibility = seconds(request_.optional_integer("VisibilityTimeout", 0, kMaxVisibilitySeconds)
                                     .value_or(pending.queue->visibility_timeout().count()));
    for (const char* key : {"AttributeNames", "MessageSystemAttributeNames"}) {
      auto names = request_.optional_array(key);
      pending.with_sent_timestamp = pending.with_sent_timestamp || names_attribute(names, "SentTimestamp");
      pending.with_receive_count =
          pending.with_receive_count || names_attribute(names, "ApproximateReceiveCount");
    }
    pending.deadline = now_ + seconds(wait);
    if (auto reply = receive_now(counters_, pending, now_)) return Outcome{std::move(*reply), std::nullopt};
    return Outcome{{}, std::move(pending)};
  }

  Reply delete_message() {
    auto verdict = queue_of(queues_, request_)->remove(request_.required_string("ReceiptHandle"));
    if (verdict == HandleVerdict::kInvalid) {
      throw ClientError("ReceiptHandleIsInvalid", "The input receipt handle is invalid.");
    }
    return json_reply("{}");
  }

  Reply delete_message_batch() {
    auto queue = queue_of(queues_, request_);
    BatchReply reply;
    for (const auto& entry : batch_entries(request_)) {
      auto handle = entry.fields.optional_string("ReceiptHandle").value_or("");
      auto verdict = queue->remove(handle);
      if (verdict == HandleVerdict::kDone) {
        reply.succeeded(entry.id);
      } else {
        fail_entry(reply, entry.id, verdict);
      }
    }
    return reply.reply();
  }

  Reply change_message_visibility() {
    auto timeout = request_.optional_integer("VisibilityTimeout", 0, kMaxVisibilitySeconds);
    if (!timeout) throw ClientError("MissingParameter", "the request must contain VisibilityTimeout");
    auto verdict =
        queue_of(queues_, request_)
            ->change_visibility(request_.required_string("ReceiptHandle"), seconds(*timeout), now_);
    if (verdict == HandleVerdict::kInvalid) {
      throw ClientError("ReceiptHandleIsInvalid", "The input receipt handle is invalid.");
    }
    if (verdict == HandleVerdict::kNotInFlight)
      throw ClientError("MessageNotInflight", "The message is not in flight.");
    return json_reply("{}");
  }

  Reply change_message_visibility_batch() {
    auto queue = queue_of(queues_, request_);
    BatchReply reply;
    for (const auto& entry : batch_entries(request_)) {
      auto handle = entry.fields.optional_string("ReceiptHandle").value_or("");
      std::optional<std::int64_t> timeout;
      try {
        timeout = entry.fields.optional_integer("VisibilityTimeout", 0, kMaxVisibilitySeconds);
      } catch (const ClientError& error) {
        reply.failed(entry.id, error.code, error.what());
        continue;
      }
      auto verdict = queue->change_visibility(handle, seconds(timeout.value_or(0)), now_);
      if (verdict == HandleVerdict::kDone) {
        reply.succeeded(entry.id);
      } else {
        fail_entry(reply, entry.id, verdict);
      }
    }
    return reply.reply();
  }

 private:
  Reply url_reply(const std::string& name) {
    std::string out = "{\"QueueUrl\":";
    append_json_string(out, queues_.url_of(name));
    return json_reply(out + "}");
  }

  static std::string_view checked_body(const RequestFields& fields) {
    auto body = fields.required_string("MessageBody");
    if (body.empty() || body.size() > kMaxBodyBytes) {
      throw ClientError("InvalidParameterValue", "MessageBody must hold 1 byte to 256 KiB");
    }
    return body;
  }

  QueueRegistry& queues_;
  ActionCounters& counters_;
  const RequestFields& request_;
  Clock::time_point now_;
};

Outcome dispatch(Handler& handler, std::string_view action) {
  auto done = [](Reply reply) { return Outcome{std::move(reply), std::nullopt}; };
  if (action == "ReceiveMessage") return handler.receive_message();
  if (action == "DeleteMessageBatch") return done(handler.delete_message_batch());
  if (action == "ChangeMessageVisibilityBatch") return done(handler.change_message_visibility_batch());
  if (action == "SendMessageBatch") return done(handler.send_message_batch());
  if (action == "GetQueueAttributes") return done(handler.get_queue_attributes());
  if (action == "SendMessage") return done(handler.send_message());
  if (action == "DeleteMessage") return done(handler.delete_message());
  if (action == "ChangeMessageVisibility") return done(handler.change_message_visibility());
  if (action == "CreateQueue") return done(handler.create_queue());
  if (action == "GetQueueUrl") return done(handler.get_queue_url());
  if (action == "DeleteQueue") return done(handler.delete_queue());
  throw ClientError("InvalidAction",
                    "The action " + std::string(action) + " is not valid for this endpoint.");
}

}  // namespace

Outcome SqsService::handle(std::string_view action, std::string_view body, Clock::time_point now) {
  counters_.count(action);
  try {
    auto request = RequestFields::parse(body);
    Handler handler(queues_, counters_, request, now);
    return dispatch(handler, action);
  } catch (const ClientError& error) {
    return Outcome{error_reply(error), std::nullopt};
  }
}

std::optional<Reply> SqsService::retry_receive(const PendingReceive& pending, Clock::time_point now) {
  return receive_now(counters_, pending, now);
}

}  // namespace sqs_server
