// Turns the rows of one batch into pending COPY lines following a column
// plan; a row with a value its column cannot take is rejected on its own.
#pragma once

#include <cstdint>

#include "column_plan.h"
#include "delivery_reporter.h"
#include "input_batch.h"
#include "pending_rows.h"

namespace sluice::postgres {

struct EncodeCounts {
  int64_t accepted = 0;
  int64_t rejected = 0;
  int64_t duplicates = 0;  // exactly_once: same message id already pending
};

EncodeCounts encode_rows(const InputBatch& batch, uint64_t write_id, const ColumnPlan& plan,
                         PendingRows& pending, DeliveryReporter& reporter);

}  // namespace sluice::postgres
