// Requests served, by action, for the benchmark's "SQS requests per
// message". Lock-free: every request bumps one counter.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace sqs_server {

class ActionCounters {
 public:
  // The actions counted by name; anything else counts as "Other".
  static constexpr std::array<std::string_view, 12> kActions{"CreateQueue",
                                                             "GetQueueUrl",
                                                             "GetQueueAttributes",
                                                             "DeleteQueue",
                                                             "SendMessage",
                                                             "SendMessageBatch",
                                                             "ReceiveMessage",
                                                             "DeleteMessage",
                                                             "DeleteMessageBatch",
                                                             "ChangeMessageVisibility",
                                                             "ChangeMessageVisibilityBatch",
                                                             "Other"};

  void count(std::string_view action);
  void count_messages_received(std::uint64_t n) { messages_received_ += n; }
  void count_empty_receive() { ++empty_receives_; }
  // {"requests": {"ReceiveMessage": n, ...}, "total_requests": n, ...}
  std::string to_json() const;

 private:
  std::array<std::atomic<std::uint64_t>, kActions.size()> requests_{};
  std::atomic<std::uint64_t> messages_received_{0};
  std::atomic<std::uint64_t> empty_receives_{0};
};

}  // namespace sqs_server
