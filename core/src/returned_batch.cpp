#include "returned_batch.h"

#include <string>

#include <sluice/detail/validate_batch.hpp>

namespace sluice::core {

Status check_returned_batch(const PluginInstance& step, std::string_view operation, const ArrowBatch& batch) {
  const support::Status valid = validate_batch(*batch.schema(), *batch.array());
  if (valid.ok()) return Status::Ok();
  return Status::Runtime(step.Describe() + ": " + std::string(operation) +
                         " returned a malformed batch: " + valid.message());
}

}  // namespace sluice::core
