#include <curl/curl.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "http_transport.h"
#include "url.h"

namespace sluice::sqs {
namespace {

constexpr char kUserAgent[] = "sluice-sqs/0.1";
// Easy handles kept for reuse; more than this are freed.
constexpr std::size_t kMaxIdleHandles = 32;

struct Transfer {
  TransferId id = 0;
  CURL* easy = nullptr;
  HttpRequest request;  // owns the body libcurl reads from
  curl_slist* header_list = nullptr;
  HttpResponse response;
  HttpTransport::Completion done;
  std::size_t max_reply_bytes = 0;
  bool reply_too_large = false;
  char error_text[CURL_ERROR_SIZE] = {};
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  auto bytes = size * count;
  if (transfer->response.body.size() + bytes > transfer->max_reply_bytes) {
    transfer->reply_too_large = true;
    return 0;  // libcurl aborts the transfer with CURLE_WRITE_ERROR
  }
  transfer->response.body.append(data, bytes);
  return bytes;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  auto bytes = size * count;
  std::string_view line(data, bytes);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    transfer->response.headers.clear();  // a new reply (after 100 Continue)
  } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
    auto value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    transfer->response.headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
  }
  return bytes;
}

Status transfer_error(const Transfer& transfer, CURLcode code) {
  if (transfer.reply_too_large) {
    return make_error(ErrorKind::kMalformed,
                      "the reply is larger than " + std::to_string(transfer.max_reply_bytes) + " bytes");
  }
  // libcurl's words may quote the URL: they pass the plugin's redaction.
  std::string detail =
      without_user_info(transfer.error_text[0] != '\0' ? transfer.error_text : curl_easy_strerror(code));
  return make_error(ErrorKind::kNetwork,
                    detail + " (curl error " + std::to_string(static_cast<int>(code)) + ")");
}

class CurlTransport final : public HttpTransport {
 public:
  CurlTransport(CURLM* multi, const CurlTransportOptions& options) : multi_(multi), options_(options) {
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, options_.max_idle_connections);
  }

  ~CurlTransport() override {
    for (auto& [id, transfer] : transfers_) release(*transfer);
    for (CURL* easy : idle_handles_) curl_easy_cleanup(easy);
    curl_multi_cleanup(multi_);
  }

  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  TransferId start(HttpRequest request, Completion done) override {
    auto transfer = std::make_unique<Transfer>();
    transfer->id = next_id_++;
    transfer->request = std::move(request);
    transfer->done = std::move(done);
    transfer->max_reply_bytes = options_.max_reply_bytes;
    transfer->easy = take_handle();
    if (transfer->easy == nullptr) {
      finished_.emplace_back(std::move(transfer->done),
                             make_error(ErrorKind::kNetwork, "libcurl could not allocate a transfer"));
      return transfer->id;
    }
    configure(*transfer);
    curl_multi_add_handle(multi_, transfer->easy);
    auto id = transfer->id;
    transfers_.emplace(id, std::move(transfer));
    return id;
  }

  void cancel(TransferId id) override {
    auto it = transfers_.find(id);
    if (it == transfers_.end()) return;
    finished_.emplace_back(std::move(it->second->done),
                           make_error(ErrorKind::kCancelled, "request cancelled"));
    recycle(*it->second);
    transfers_.erase(it);
  }

  void poll(std::chrono::milliseconds max_wait) override {
    int running = 0;
    curl_multi_perform(multi_, &running);
    collect_finished();
    if (finished_.empty()) {
      auto wait_ms = static_cast<int>(std::clamp<long long>(max_wait.count(), 0, 60'000));
      curl_multi_poll(multi_, nullptr, 0, wait_ms, nullptr);
      curl_multi_perform(multi_, &running);
      collect_finished();
    }
    deliver_finished();
  }

  void wake() override { curl_multi_wakeup(multi_); }

  std::size_t active_transfers() const override { return transfers_.size(); }

 private:
  CURL* take_handle() {
    if (idle_handles_.empty()) return curl_easy_init();
    CURL* easy = idle_handles_.back();
    idle_handles_.pop_back();
    curl_easy_reset(easy);
    return easy;
  }

  void configure(Transfer& transfer) {
    CURL* easy = transfer.easy;
    const auto& request = transfer.request;
    // One buffer for every line (libcurl copies each): a string per header
    // was seven heap allocations per request.
    std::string line;
    for (const auto& header : request.headers) {
      line.assign(header.name).append(": ").append(header.value);
      transfer.header_list = curl_slist_append(transfer.header_list, line.c_str());
    }
    // libcurl would otherwise wait for "100 Continue" before large bodies.
    transfer.header_list = curl_slist_append(transfer.header_list, "Expect:");
    auto url = request.url.to_string();
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    if (request.method == "GET") {
      // Instance metadata and the container endpoint: no body at all.
      curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST,
                       request.method == "POST" ? nullptr : request.method.c_str());
      curl_easy_setopt(easy, CURLOPT_POST, 1L);
      curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer.header_list);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, kUserAgent);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer.error_text);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, &transfer);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  }

  void collect_finished() {
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURLcode code = message->data.result;
      Transfer* transfer = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
      if (transfer == nullptr) continue;
      if (code == CURLE_OK) {
        curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &transfer->response.status);
        finished_.emplace_back(std::move(transfer->done), std::move(transfer->response));
      } else {
        finished_.emplace_back(std::move(transfer->done), transfer_error(*transfer, code));
      }
      auto id = transfer->id;
      recycle(*transfer);
      transfers_.erase(id);
    }
  }

  void deliver_finished() {
    // Completions may start new transfers, which may finish into finished_.
    auto ready = std::exchange(finished_, {});
    for (auto& [done, outcome] : ready) {
      if (done) done(std::move(outcome));
    }
  }

  // Detaches the handle from the transfer and keeps it for the next one.
  void recycle(Transfer& transfer) {
    curl_multi_remove_handle(multi_, transfer.easy);
    curl_slist_free_all(std::exchange(transfer.header_list, nullptr));
    if (idle_handles_.size() < kMaxIdleHandles) {
      idle_handles_.push_back(std::exchange(transfer.easy, nullptr));
    } else {
      curl_easy_cleanup(std::exchange(transfer.easy, nullptr));
    }
  }

  void release(Transfer& transfer) {
    curl_multi_remove_handle(multi_, transfer.easy);
    curl_slist_free_all(std::exchange(transfer.header_list, nullptr));
    curl_easy_cleanup(std::exchange(transfer.easy, nullptr));
  }

  CURLM* multi_;
  CurlTransportOptions options_;
  std::map<TransferId, std::unique_ptr<Transfer>> transfers_;
  std::vector<CURL*> idle_handles_;
  std::vector<std::pair<Completion, Result<HttpResponse>>> finished_;
  TransferId next_id_ = 1;
};

void initialise_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

Result<std::unique_ptr<HttpTransport>> make_curl_transport(const CurlTransportOptions& options) {
  initialise_curl_once();
  CURLM* multi = curl_multi_init();
  if (multi == nullptr) return make_error(ErrorKind::kInternal, "libcurl could not create a multi handle");
  return std::unique_ptr<HttpTransport>(std::make_unique<CurlTransport>(multi, options));
}

}  // namespace sluice::sqs
