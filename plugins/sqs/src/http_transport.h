// Carries HTTP requests concurrently on one thread: start() queues a
// request, poll() moves every transfer forward and runs the completions of
// those that finished. One thread drives a transport; only wake() may be
// called from other threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "error_kind.h"
#include "http_message.h"

namespace sluice::sqs {

using TransferId = std::uint64_t;

class HttpTransport {
 public:
  // Receives the reply (any status), or a kNetwork error when there was
  // none, or kCancelled after cancel(). Runs inside poll().
  using Completion = std::function<void(Result<HttpResponse>)>;

  virtual ~HttpTransport() = default;

  virtual TransferId start(HttpRequest request, Completion done) = 0;
  // The transfer stops; its completion runs with kCancelled at the next
  // poll(). Unknown or finished ids are ignored.
  virtual void cancel(TransferId id) = 0;
  // Waits at most `max_wait` for activity, then runs due completions.
  virtual void poll(std::chrono::milliseconds max_wait) = 0;
  // Makes a blocked poll() return now. Thread-safe.
  virtual void wake() = 0;
  virtual std::size_t active_transfers() const = 0;
};

struct CurlTransportOptions {
  std::chrono::milliseconds connect_timeout{5000};
  // Replies beyond this are refused (ten 1 MiB messages, XML-escaped, fit).
  std::size_t max_reply_bytes = 64 * 1024 * 1024;
  // Idle connections kept for reuse.
  long max_idle_connections = 16;
};

// libcurl's multi interface: every transfer on one thread, connections
// reused across requests. Fails only when libcurl cannot initialise.
Result<std::unique_ptr<HttpTransport>> make_curl_transport(const CurlTransportOptions& options);

}  // namespace sluice::sqs
