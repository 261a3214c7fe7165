// SqsOperations over HTTP: encodes each call in the configured protocol,
// signs it with SigV4, sends it on the transport, retries throttling, 5xx
// and network failures with jittered backoff (signing each attempt anew),
// and decodes the reply or the AWS error into a clear Error.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <sluice/support/log.hpp>
#include "aws_credentials.h"
#include "counted_retries.h"
#include "endpoint_resolver.h"
#include "http_transport.h"
#include "sqs_operations.h"
#include "sqs_protocol.h"

namespace sluice::sqs {

struct SqsClientSettings {
  ResolvedEndpoint endpoint;
  CredentialSupplier credentials;
  CountedRetries retry;
  // Allowance for one exchange; a receive adds its long-poll wait on top.
  std::chrono::milliseconds request_timeout{30000};
};

class SqsClient final : public SqsOperations {
 public:
  SqsClient(SqsClientSettings settings, std::unique_ptr<SqsProtocol> protocol,
            std::unique_ptr<HttpTransport> transport, support::Logger logger, support::Counter counter = {});

  void receive(const ReceiveRequest& request, Completion<std::vector<Message>> done) override;
  void delete_batch(std::vector<BatchEntry> entries, Completion<BatchResult> done) override;
  void change_visibility_batch(std::vector<BatchEntry> entries, Completion<BatchResult> done) override;
  void get_queue_attributes(std::vector<std::string> names, Completion<QueueAttributes> done) override;
  void cancel_receives() override;
  void poll(std::chrono::milliseconds max_wait) override;
  void wake() override;
  bool idle() const override;

 private:
  using Clock = std::chrono::steady_clock;
  using CallId = std::uint64_t;

  // One SQS call across its attempts.
  struct Call {
    CallId id = 0;
    SqsAction action = SqsAction::kReceiveMessage;
    EncodedCall encoded;
    std::chrono::milliseconds timeout{0};
    int retries_done = 0;
    // Gets the 2xx reply, or the final Error after retries.
    std::function<void(Result<HttpResponse>)> finish;
  };

  struct Attempt {
    TransferId transfer = 0;
    bool is_receive = false;
  };

  struct PendingRetry {
    Clock::time_point due;
    Call call;
    bool cancelled = false;
  };

  void send(SqsAction action, EncodedCall encoded, std::chrono::milliseconds timeout,
            std::function<void(Result<HttpResponse>)> finish);
  void send_batch(SqsAction action, const std::vector<BatchEntry>& entries, Completion<BatchResult> done);
  void attempt(Call call);
  void on_reply(Call call, Result<HttpResponse> outcome);
  Status reply_error(const Call& call, const Result<HttpResponse>& outcome) const;
  void run_due_retries();
  std::chrono::milliseconds until_next_retry(std::chrono::milliseconds max_wait) const;

  // Wraps `done` so that it receives the reply decoded by `decode`.
  template <typename T, typename Decoder>
  std::function<void(Result<HttpResponse>)> decoding(SqsAction action, Completion<T> done,
                                                     Decoder decode) const;

  SqsClientSettings settings_;
  std::unique_ptr<SqsProtocol> protocol_;
  std::unique_ptr<HttpTransport> transport_;
  support::Logger logger_;
  support::Counter counter_;  // counts "retries"
  support::EqualJitterBackoff backoff_;
  std::string queue_url_;
  std::map<CallId, Attempt> attempts_;
  std::deque<PendingRetry> retries_;
  // Calls that could not be signed (credentials expired unreplaced).
  std::vector<std::pair<Call, Status>> unsent_;
  CallId next_call_ = 1;
};

}  // namespace sluice::sqs
