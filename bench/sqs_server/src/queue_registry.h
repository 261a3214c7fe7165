// The server's queues by name, and the URLs that name them:
// http://127.0.0.1:PORT/000000000000/NAME.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "queue.h"

namespace sqs_server {

inline constexpr char kAccountId[] = "000000000000";

class QueueRegistry {
 public:
  explicit QueueRegistry(std::string endpoint);  // e.g. http://127.0.0.1:9324

  // The queue of that name, created with `visibility_timeout` if new.
  std::shared_ptr<Queue> create(const std::string& name, std::chrono::seconds visibility_timeout);
  std::shared_ptr<Queue> by_name(std::string_view name) const;
  // The queue a QueueUrl names (its last path segment), or null.
  std::shared_ptr<Queue> by_url(std::string_view url) const;
  bool remove(std::string_view name);

  std::string url_of(const std::string& name) const;
  const std::string& endpoint() const { return endpoint_; }

 private:
  std::string endpoint_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<Queue>> queues_;
  std::uint64_t next_tag_;
};

// SQS's rule: 1 to 80 letters, digits, hyphens and underscores.
bool valid_queue_name(std::string_view name);

}  // namespace sqs_server
