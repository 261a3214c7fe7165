// Batches for `sluice test`: the input batch built from a case's records
// (standing in for the source), and output rows read back as text (the
// way the test file writes values) for the matchers.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "arrow_batch.h"
#include "status.h"
#include "test_spec.h"
#include "value_matcher.h"

namespace sluice::core {

// One column per name any record (or `defaults`) gives, in the order first
// written; a record without a column holds null there. Strings become utf8,
// integers int64, other numbers float64, booleans bool; a column of nulls
// only is utf8. A column given values of two types is a configuration error.
Result<ArrowBatch> make_input_batch(const std::vector<InputRecord>& records, const InputRecord& defaults);

// Every output row: (column, value as text or null) in column order.
// Dates print as 2026-01-31, timestamps as 2026-01-31T12:00:00Z (with
// microseconds when not zero), booleans as true/false.
using OutputRow = std::vector<std::pair<std::string, std::optional<std::string>>>;
std::vector<OutputRow> read_output_rows(const ArrowBatch& batch);

// The field of `row`, or Absent.
CellValue cell_of(const OutputRow& row, const std::string& field);

}  // namespace sluice::core
