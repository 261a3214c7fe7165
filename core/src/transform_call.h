// One call of a transform on one batch, and what it did with each input
// row: passed on, rejected (with a reason) or dropped as finished. Shared by
// the runner and `sluice test`, so a test exercises the very call a running
// pipeline makes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "arrow_batch.h"
#include "plugin_instance.h"
#include "status.h"

namespace sluice::core {

// Row numbers are the input's. Each input row is in exactly one of kept,
// rejected and dropped; rows the transform named twice or out of range are
// counted once or not at all.
struct TransformResult {
  ArrowBatch rows;                                        // the rows passed on, in order
  std::vector<int64_t> kept;                              // the input row of each of them
  std::vector<std::pair<int64_t, std::string>> rejected;  // input row, reason
  std::vector<int64_t> dropped;                           // input rows finished (SLUICE_ROW_DONE)
};

// Hands `input` to `transform`. A failed call, or an output whose row count
// is not the number of rows neither rejected nor dropped, is a runtime error.
Result<TransformResult> call_transform(const PluginInstance& transform, ArrowBatch input);

}  // namespace sluice::core
