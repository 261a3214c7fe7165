#include "sqs_json_client.h"

#include <nlohmann/json.hpp>

namespace sqs_reference {
namespace {

constexpr int kMaxMessages = 10;
// Longer than the longest long poll (20 s): a request that takes this long has failed.
constexpr long kRequestTimeoutSeconds = 50;

size_t append_to_string(char* data, size_t size, size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

CallResult failure(std::string error) { return {false, std::move(error)}; }

}  // namespace

SqsJsonClient::SqsJsonClient(std::string endpoint, std::string queue_url)
    : endpoint_(std::move(endpoint) + "/"), queue_url_(std::move(queue_url)), curl_(curl_easy_init()) {}

SqsJsonClient::~SqsJsonClient() { curl_easy_cleanup(curl_); }

CallResult SqsJsonClient::receive(int wait_time_seconds, std::vector<std::string>& receipt_handles) {
  nlohmann::json request = {{"QueueUrl", queue_url_},
                            {"MaxNumberOfMessages", kMaxMessages},
                            {"WaitTimeSeconds", wait_time_seconds}};
  std::string answer;
  CallResult result = post("ReceiveMessage", request.dump(), answer);
  receipt_handles.clear();
  if (!result.ok || answer.empty()) return result;  // the emulator answers nothing when the queue is empty
  auto parsed = nlohmann::json::parse(answer, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return failure("ReceiveMessage: the answer is not JSON");
  for (const auto& message : parsed.value("Messages", nlohmann::json::array())) {
    receipt_handles.push_back(message.value("ReceiptHandle", ""));
  }
  return result;
}

CallResult SqsJsonClient::delete_batch(const std::vector<std::string>& receipt_handles) {
  nlohmann::json entries = nlohmann::json::array();
  for (size_t i = 0; i < receipt_handles.size(); ++i) {
    entries.push_back({{"Id", std::to_string(i)}, {"ReceiptHandle", receipt_handles[i]}});
  }
  nlohmann::json request = {{"QueueUrl", queue_url_}, {"Entries", std::move(entries)}};
  std::string answer;
  CallResult result = post("DeleteMessageBatch", request.dump(), answer);
  if (!result.ok) return result;
  auto parsed = nlohmann::json::parse(answer, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return failure("DeleteMessageBatch: the answer is not JSON");
  if (parsed.contains("Failed"))
    return failure("DeleteMessageBatch: some entries failed: " + parsed["Failed"].dump());
  return result;
}

CallResult SqsJsonClient::post(const std::string& action, const std::string& body, std::string& answer) {
  if (curl_ == nullptr) return failure("curl_easy_init failed");
  std::string target = "X-Amz-Target: AmazonSQS." + action;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/x-amz-json-1.0");
  headers = curl_slist_append(headers, target.c_str());
  curl_easy_setopt(curl_, CURLOPT_URL, endpoint_.c_str());
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, append_to_string);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT, kRequestTimeoutSeconds);
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  CURLcode code = curl_easy_perform(curl_);
  curl_slist_free_all(headers);
  if (code != CURLE_OK) return failure(action + ": " + curl_easy_strerror(code));
  long status = 0;
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) return failure(action + ": HTTP " + std::to_string(status) + ": " + answer);
  return {};
}

}  // namespace sqs_reference
