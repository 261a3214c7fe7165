// Receipt handles: which message, and which of its receives. A handle from
// an earlier receive of a message that was received again since is stale,
// as in SQS. The text carries the queue's instance tag so that a handle of
// a deleted and re-created queue, or of another server, is refused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sqs_server {

struct ReceiptHandle {
  std::uint64_t queue_tag = 0;
  std::uint64_t sequence = 0;  // the message, within its queue
  std::uint32_t receive = 0;   // the message's receive count when it was handed out
};

std::string format_receipt_handle(const ReceiptHandle& handle);
std::optional<ReceiptHandle> parse_receipt_handle(std::string_view text);

}  // namespace sqs_server
