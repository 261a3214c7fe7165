// How SQS requests and replies are written on the wire. Two protocols exist:
// AWS JSON 1.0 (current AWS, recent LocalStack) and the older query protocol
// (form-encoded requests, XML replies) that old LocalStack images speak.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "error_kind.h"
#include "http_message.h"
#include "sqs_model.h"

namespace sluice::sqs {

// A request body and the headers that describe it (Content-Type, and the
// X-Amz-Target of the JSON protocol); signing and sending come later.
struct EncodedCall {
  HttpHeaders headers;
  std::string body;
};

class SqsProtocol {
 public:
  virtual ~SqsProtocol() = default;

  virtual std::string_view name() const = 0;

  virtual EncodedCall encode_receive(std::string_view queue_url, const ReceiveRequest& request) const = 0;
  // Writes the entries' visibility timeouts only for the visibility action.
  virtual EncodedCall encode_batch(SqsAction action, std::string_view queue_url,
                                   const std::vector<BatchEntry>& entries) const = 0;
  virtual EncodedCall encode_get_queue_attributes(std::string_view queue_url,
                                                  const std::vector<std::string>& names) const = 0;

  // Decoders of 2xx replies; a reply of the wrong shape is kMalformed.
  virtual Result<std::vector<Message>> decode_receive(std::string_view body) const = 0;
  virtual Result<BatchResult> decode_batch(SqsAction action, std::string_view body) const = 0;
  virtual Result<QueueAttributes> decode_queue_attributes(std::string_view body) const = 0;

  // Reads what AWS said in a non-2xx reply; never fails (an unreadable body
  // leaves the codes empty).
  virtual AwsErrorReply decode_error(const HttpResponse& response) const = 0;
};

std::unique_ptr<SqsProtocol> make_json_protocol();
std::unique_ptr<SqsProtocol> make_query_protocol();

enum class ProtocolKind { kJson, kQuery };

inline std::unique_ptr<SqsProtocol> make_protocol(ProtocolKind kind) {
  return kind == ProtocolKind::kQuery ? make_query_protocol() : make_json_protocol();
}

// The system attributes every receive asks for (they fill the
// sent_timestamp and receive_count columns).
inline constexpr std::string_view kSentTimestampAttribute = "SentTimestamp";
inline constexpr std::string_view kReceiveCountAttribute = "ApproximateReceiveCount";

}  // namespace sluice::sqs
