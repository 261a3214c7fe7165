// Runs the cases of a test file through a pipeline's transforms, as
// `sluice run` would call them (transform_call.h), and checks what came
// out against each case's expectations.
#pragma once

#include <string>
#include <vector>

#include "pipeline.h"
#include "test_batches.h"
#include "test_spec.h"

namespace sluice::core {

struct RejectedRow {
  int64_t input_row = 0;
  std::string step;
  std::string reason;
};

struct CaseOutcome {
  std::string name;
  std::vector<OutputRow> rows;
  std::vector<RejectedRow> rejected;  // in input row order
  std::string error;                  // a step failed: the case could not run
  // One line each: "rows[0].app_version: expected '2003000', got '2003001'".
  std::vector<std::string> failures;
  double seconds = 0;

  bool passed() const { return error.empty() && failures.empty(); }
};

// Runs every case of `file`, then checks them (same_as compares across
// cases). A case naming a step the pipeline lacks, or whose records do not
// make a batch, is a configuration error.
Result<std::vector<CaseOutcome>> run_test_file(const TestFile& file, const Transforms& transforms);

}  // namespace sluice::core
