#include "sqs_client.h"

#include <algorithm>
#include <utility>

#include "aws_errors.h"
#include "sigv4.h"

namespace sluice::sqs {
namespace {

constexpr char kService[] = "sqs";

bool is_success(long status) { return status >= 200 && status < 300; }

std::string retry_note(const Status& error, int retry, int max_retries, std::chrono::milliseconds delay) {
  return error.message() + "; retry " + std::to_string(retry) + " of " + std::to_string(max_retries) +
         " in " + std::to_string(delay.count()) + " ms";
}

}  // namespace

SqsClient::SqsClient(SqsClientSettings settings, std::unique_ptr<SqsProtocol> protocol,
                     std::unique_ptr<HttpTransport> transport, support::Logger logger,
                     support::Counter counter)
    : settings_(std::move(settings)),
      protocol_(std::move(protocol)),
      transport_(std::move(transport)),
      logger_(std::move(logger)),
      counter_(std::move(counter)),
      backoff_(settings_.retry.backoff()),
      queue_url_(settings_.endpoint.queue_url.to_string()) {}

void SqsClient::receive(const ReceiveRequest& request, Completion<std::vector<Message>> done) {
  auto action = SqsAction::kReceiveMessage;
  auto timeout = settings_.request_timeout + std::chrono::seconds(request.wait_time_seconds);
  send(action, protocol_->encode_receive(queue_url_, request), timeout,
       decoding(action, std::move(done),
                [this](std::string_view body) { return protocol_->decode_receive(body); }));
}

void SqsClient::delete_batch(std::vector<BatchEntry> entries, Completion<BatchResult> done) {
  send_batch(SqsAction::kDeleteMessageBatch, entries, std::move(done));
}

void SqsClient::change_visibility_batch(std::vector<BatchEntry> entries, Completion<BatchResult> done) {
  send_batch(SqsAction::kChangeMessageVisibilityBatch, entries, std::move(done));
}

void SqsClient::get_queue_attributes(std::vector<std::string> names, Completion<QueueAttributes> done) {
  auto action = SqsAction::kGetQueueAttributes;
  send(action, protocol_->encode_get_queue_attributes(queue_url_, names), settings_.request_timeout,
       decoding(action, std::move(done),
                [this](std::string_view body) { return protocol_->decode_queue_attributes(body); }));
}

void SqsClient::send_batch(SqsAction action, const std::vector<BatchEntry>& entries,
                           Completion<BatchResult> done) {
  send(action, protocol_->encode_batch(action, queue_url_, entries), settings_.request_timeout,
       decoding(action, std::move(done),
                [this, action](std::string_view body) { return protocol_->decode_batch(action, body); }));
}

void SqsClient::cancel_receives() {
  for (const auto& [id, attempt] : attempts_) {
    if (attempt.is_receive) transport_->cancel(attempt.transfer);
  }
  for (auto& retry : retries_) {
    if (retry.call.action != SqsAction::kReceiveMessage) continue;
    retry.cancelled = true;
    retry.due = Clock::time_point::min();
  }
}

void SqsClient::poll(std::chrono::milliseconds max_wait) {
  transport_->poll(unsent_.empty() ? until_next_retry(max_wait) : std::chrono::milliseconds(0));
  run_due_retries();
  for (auto unsent = std::exchange(unsent_, {}); auto& [call, error] : unsent) call.finish(std::move(error));
}

void SqsClient::wake() { transport_->wake(); }

bool SqsClient::idle() const { return attempts_.empty() && retries_.empty() && unsent_.empty(); }

void SqsClient::send(SqsAction action, EncodedCall encoded, std::chrono::milliseconds timeout,
                     std::function<void(Result<HttpResponse>)> finish) {
  attempt(Call{next_call_++, action, std::move(encoded), timeout, 0, std::move(finish)});
}

void SqsClient::attempt(Call call) {
  HttpRequest request;
  request.url = settings_.endpoint.endpoint;
  request.headers = call.encoded.headers;
  request.body = call.encoded.body;
  request.timeout = call.timeout;
  // Signed per attempt: a signature is only valid for a few minutes, and
  // the credentials may have been refreshed since the last one.
  auto credentials = settings_.credentials();
  if (!credentials.ok()) {
    // Finished at the next poll(), like a transfer: callers may start
    // another call from the completion.
    unsent_.emplace_back(std::move(call), credentials.status());
    return;
  }
  sign_request(request, **credentials, settings_.endpoint.region, kService, std::chrono::system_clock::now());
  auto id = call.id;
  bool is_receive = call.action == SqsAction::kReceiveMessage;
  auto transfer = transport_->start(std::move(request),
                                    [this, call = std::move(call)](Result<HttpResponse> outcome) mutable {
                                      on_reply(std::move(call), std::move(outcome));
                                    });
  // start() never completes synchronously, so the attempt is still live.
  attempts_[id] = Attempt{transfer, is_receive};
}

void SqsClient::on_reply(Call call, Result<HttpResponse> outcome) {
  attempts_.erase(call.id);
  if (outcome.ok() && is_success(outcome->status)) {
    call.finish(std::move(outcome));
    return;
  }
  auto error = reply_error(call, outcome);
  if (!is_retryable(error) || !settings_.retry.allows_retry(call.retries_done)) {
    call.finish(std::move(error));
    return;
  }
  auto delay = backoff_.delay(call.retries_done);
  ++call.retries_done;
  if (logger_)
    logger_(support::LogLevel::kWarn,
            retry_note(error, call.retries_done, settings_.retry.max_retries, delay));
  if (counter_) counter_("retries", 1);
  retries_.push_back({Clock::now() + delay, std::move(call)});
}

Status SqsClient::reply_error(const Call& call, const Result<HttpResponse>& outcome) const {
  if (!outcome.ok()) {
    const auto& error = outcome.status();
    if (error_kind(error) == ErrorKind::kNetwork) {
      return describe_transport_failure(error.message(), call.action,
                                        settings_.endpoint.endpoint.to_string());
    }
    return error;
  }
  return describe_error_reply(protocol_->decode_error(*outcome), call.action, queue_url_);
}

void SqsClient::run_due_retries() {
  auto now = Clock::now();
  std::vector<PendingRetry> due;
  auto not_due = std::stable_partition(retries_.begin(), retries_.end(),
                                       [&](const PendingRetry& retry) { return retry.due <= now; });
  std::move(retries_.begin(), not_due, std::back_inserter(due));
  retries_.erase(retries_.begin(), not_due);
  for (auto& retry : due) {
    if (retry.cancelled) {
      retry.call.finish(make_error(ErrorKind::kCancelled, "request cancelled"));
    } else {
      attempt(std::move(retry.call));
    }
  }
}

std::chrono::milliseconds SqsClient::until_next_retry(std::chrono::milliseconds max_wait) const {
  if (retries_.empty()) return max_wait;
  auto next =
      std::min_element(retries_.begin(), retries_.end(), [](const PendingRetry& a, const PendingRetry& b) {
        return a.due < b.due;
      })->due;
  auto now = Clock::now();
  if (next <= now) return std::chrono::milliseconds(0);
  return std::min(max_wait, std::chrono::ceil<std::chrono::milliseconds>(next - now));
}

template <typename T, typename Decoder>
std::function<void(Result<HttpResponse>)> SqsClient::decoding(SqsAction action, Completion<T> done,
                                                              Decoder decode) const {
  return [this, action, done = std::move(done), decode = std::move(decode)](Result<HttpResponse> reply) {
    if (!reply.ok()) {
      done(reply.status());
      return;
    }
    Result<T> decoded = decode(reply->body);
    if (!decoded.ok()) {
      done(describe_malformed_reply(decoded.status(), action, settings_.endpoint.endpoint.to_string()));
      return;
    }
    done(std::move(decoded));
  };
}

Result<QueueAttributes> fetch_queue_attributes(SqsOperations& operations, std::vector<std::string> names) {
  std::optional<Result<QueueAttributes>> outcome;
  operations.get_queue_attributes(std::move(names),
                                  [&](Result<QueueAttributes> result) { outcome = std::move(result); });
  while (!outcome) operations.poll(std::chrono::milliseconds(100));
  return std::move(*outcome);
}

}  // namespace sluice::sqs
