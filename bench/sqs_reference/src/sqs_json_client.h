// ReceiveMessage and DeleteMessageBatch over the AWS JSON 1.0 protocol, one
// keep-alive libcurl handle per client. Requests are not signed: the reference
// runs against the local emulator only, which ignores signatures.
#pragma once

#include <string>
#include <vector>

#include <curl/curl.h>

namespace sqs_reference {

struct CallResult {
  bool ok = true;
  std::string error;  // what went wrong, when !ok
};

// Not thread-safe: one per worker thread.
class SqsJsonClient {
 public:
  SqsJsonClient(std::string endpoint, std::string queue_url);
  ~SqsJsonClient();
  SqsJsonClient(const SqsJsonClient&) = delete;
  SqsJsonClient& operator=(const SqsJsonClient&) = delete;

  // Up to 10 messages; their receipt handles replace `receipt_handles`.
  CallResult receive(int wait_time_seconds, std::vector<std::string>& receipt_handles);
  // Deletes up to 10 messages by receipt handle.
  CallResult delete_batch(const std::vector<std::string>& receipt_handles);

 private:
  CallResult post(const std::string& action, const std::string& body, std::string& answer);

  std::string endpoint_;
  std::string queue_url_;
  CURL* curl_;
};

}  // namespace sqs_reference
