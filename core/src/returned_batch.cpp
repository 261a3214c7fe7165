#include "returned_batch.h"

#include <string>

#include <sluice/detail/validate_batch.hpp>

namespace sluice::core {

Status check_returned_batch(const PluginInstance& step, std::string_view operation, const ArrowBatch& batch) {
  const Status valid = validate_batch(*batch.schema(), *batch.array());
  if (valid.ok()) return Status();
  return runtime_error(step.describe() + ": " + std::string(operation) +
                       " returned a malformed batch: " + valid.message());
}

}  // namespace sluice::core
