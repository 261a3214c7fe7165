// The SQS requests and replies this plugin uses, independent of how a
// protocol puts them on the wire.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::sqs {

enum class SqsAction {
  kReceiveMessage,
  kDeleteMessageBatch,
  kChangeMessageVisibilityBatch,
  kGetQueueAttributes
};

// The action's name in the SQS API, e.g. "ReceiveMessage".
std::string_view action_name(SqsAction action);

// SQS refuses batches of more than ten entries.
inline constexpr std::size_t kMaxBatchEntries = 10;

struct ReceiveRequest {
  int max_messages = 10;
  int wait_time_seconds = 20;
  // Unset: the queue's own visibility timeout applies.
  std::optional<int> visibility_timeout;
};

struct Message {
  std::string message_id;
  std::string receipt_handle;
  std::string body;
  // Milliseconds since the epoch; unset when the reply lacks it.
  std::optional<std::int64_t> sent_timestamp_ms;
  std::optional<std::int64_t> receive_count;
};

// One entry of DeleteMessageBatch or ChangeMessageVisibilityBatch. `id`
// only has to be unique within its batch.
struct BatchEntry {
  std::string id;
  std::string receipt_handle;
  int visibility_timeout = 0;  // ChangeMessageVisibilityBatch only
};

struct BatchEntryFailure {
  std::string id;
  std::string code;
  std::string message;
  // True when SQS blames the request (retrying the same entry won't help).
  bool sender_fault = true;
};

struct BatchResult {
  std::vector<std::string> succeeded_ids;
  std::vector<BatchEntryFailure> failed;
};

using QueueAttributes = std::map<std::string, std::string, std::less<>>;

// An error reply as AWS sent it, before we decide what it means.
struct AwsErrorReply {
  long http_status = 0;
  std::string code;         // e.g. "QueueDoesNotExist", "" when none
  std::string legacy_code;  // query-protocol code, e.g. "AWS.SimpleQueueService.NonExistentQueue"
  std::string message;
};

}  // namespace sluice::sqs
