#include "batch_registry.h"

#include <sluice/plugin.hpp>

namespace sluice::sqs {

std::uint64_t BatchRegistry::register_batch(std::vector<std::string> receipt_handles) {
  std::lock_guard lock(mutex_);
  auto id = next_id_++;
  batches_.emplace(id, std::move(receipt_handles));
  return id;
}

std::vector<Settlement> BatchRegistry::settle(std::uint64_t batch_id, std::span<const std::int8_t> outcomes) {
  std::vector<std::string> handles;
  {
    std::lock_guard lock(mutex_);
    auto it = batches_.find(batch_id);
    if (it == batches_.end()) {
      throw sluice::InternalError("acknowledgement of unknown batch " + std::to_string(batch_id));
    }
    if (it->second.size() != outcomes.size()) {
      throw sluice::InternalError("acknowledgement of batch " + std::to_string(batch_id) + " has " +
                                  std::to_string(outcomes.size()) + " outcomes for " +
                                  std::to_string(it->second.size()) + " rows");
    }
    handles = std::move(it->second);
    batches_.erase(it);
  }
  std::vector<Settlement> settlements;
  settlements.reserve(handles.size());
  for (std::size_t row = 0; row < handles.size(); ++row) {
    settlements.push_back({std::move(handles[row]), disposition_of(outcomes[row])});
  }
  return settlements;
}

std::size_t BatchRegistry::open_batches() const {
  std::lock_guard lock(mutex_);
  return batches_.size();
}

Disposition disposition_of(std::int8_t outcome) {
  switch (outcome) {
    case SLUICE_ROW_DONE:
    case SLUICE_ROW_DEAD_LETTERED: return Disposition::kDelete;
    case SLUICE_ROW_REJECTED: return Disposition::kAbandon;
    default: return Disposition::kRelease;
  }
}

}  // namespace sluice::sqs
