// The SQS actions over the AWS JSON 1.0 protocol: a request's action
// (X-Amz-Target AmazonSQS.<Action>) and JSON body in, a status and JSON
// body out. No sockets here: the HTTP layer calls handle(), and for a
// receive that found nothing and may wait (long polling) it calls
// retry_receive() whenever messages may have come, until the deadline.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "action_counters.h"
#include "queue_registry.h"

namespace sqs_server {

struct Reply {
  unsigned status = 200;
  std::string body;
  std::string query_error;  // x-amzn-query-error, for errors that have a legacy code
};

// A ReceiveMessage still waiting for messages.
struct PendingReceive {
  std::shared_ptr<Queue> queue;
  std::size_t max_messages = 1;
  std::chrono::seconds visibility{30};
  bool with_sent_timestamp = false;
  bool with_receive_count = false;
  Clock::time_point deadline;
};

struct Outcome {
  Reply reply;                            // when `waiting` is empty
  std::optional<PendingReceive> waiting;  // a long poll that found nothing yet
};

class SqsService {
 public:
  SqsService(QueueRegistry& queues, ActionCounters& counters) : queues_(queues), counters_(counters) {}

  Outcome handle(std::string_view action, std::string_view body, Clock::time_point now);
  // A reply when messages came (or the deadline passed), nullopt to keep waiting.
  std::optional<Reply> retry_receive(const PendingReceive& pending, Clock::time_point now);

 private:
  QueueRegistry& queues_;
  ActionCounters& counters_;
};

}  // namespace sqs_server
