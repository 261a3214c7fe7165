#include "action_counters.h"

#include <algorithm>

namespace sqs_server {

void ActionCounters::count(std::string_view action) {
  auto it = std::find(kActions.begin(), kActions.end() - 1, action);
  requests_[static_cast<std::size_t>(it - kActions.begin())].fetch_add(1, std::memory_order_relaxed);
}

std::string ActionCounters::to_json() const {
  std::string out = "{\"requests\": {";
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < kActions.size(); ++i) {
    auto n = requests_[i].load(std::memory_order_relaxed);
    total += n;
    if (i > 0) out += ", ";
    out += "\"" + std::string(kActions[i]) + "\": " + std::to_string(n);
  }
  out += "}, \"total_requests\": " + std::to_string(total);
  out += ", \"messages_received\": " + std::to_string(messages_received_.load());
  out += ", \"empty_receives\": " + std::to_string(empty_receives_.load()) + "}";
  return out;
}

}  // namespace sqs_server
