#include "queue_registry.h"

#include <mutex>
#include <random>

namespace sqs_server {

bool valid_queue_name(std::string_view name) {
  if (name.empty() || name.size() > 80) return false;
  for (char c : name) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Tags start at a random value so that handles of another server run fail.
QueueRegistry::QueueRegistry(std::string endpoint)
    : endpoint_(std::move(endpoint)), next_tag_(std::random_device{}() & 0xfffffff) {}

std::shared_ptr<Queue> QueueRegistry::create(const std::string& name,
                                             std::chrono::seconds visibility_timeout) {
  std::unique_lock lock(mutex_);
  auto& queue = queues_[name];
  if (!queue) queue = std::make_shared<Queue>(name, ++next_tag_, visibility_timeout);
  return queue;
}

std::shared_ptr<Queue> QueueRegistry::by_name(std::string_view name) const {
  std::shared_lock lock(mutex_);
  auto it = queues_.find(std::string(name));
  return it == queues_.end() ? nullptr : it->second;
}

std::shared_ptr<Queue> QueueRegistry::by_url(std::string_view url) const {
  auto slash = url.rfind('/');
  return by_name(slash == std::string_view::npos ? url : url.substr(slash + 1));
}

bool QueueRegistry::remove(std::string_view name) {
  std::unique_lock lock(mutex_);
  return queues_.erase(std::string(name)) > 0;
}

std::string QueueRegistry::url_of(const std::string& name) const {
  return endpoint_ + "/" + kAccountId + "/" + name;
}

}  // namespace sqs_server
