#include "transform_call.h"

namespace sluice::core {
namespace {

// Collects what a transform rejects or drops, in its input's row numbers.
struct RowVerdicts {
  std::vector<std::pair<int64_t, std::string>> rejected;
  std::vector<int64_t> dropped;

  static void reject(void* ctx, int64_t row, const char* reason) {
    static_cast<RowVerdicts*>(ctx)->rejected.emplace_back(row, reason ? reason : "rejected");
  }
  static void drop(void* ctx, int64_t row) { static_cast<RowVerdicts*>(ctx)->dropped.push_back(row); }
};

// Keeps the first verdict on each row and ignores rows out of range.
TransformResult sort_verdicts(RowVerdicts verdicts, int64_t in_rows) {
  TransformResult result;
  std::vector<char> removed(in_rows, 0);
  for (auto& [row, reason] : verdicts.rejected) {
    if (row < 0 || row >= in_rows || removed[row]) continue;
    removed[row] = 1;
    result.rejected.emplace_back(row, std::move(reason));
  }
  for (int64_t row : verdicts.dropped) {
    if (row < 0 || row >= in_rows || removed[row]) continue;
    removed[row] = 1;
    result.dropped.push_back(row);
  }
  result.kept.reserve(in_rows);
  for (int64_t row = 0; row < in_rows; ++row) {
    if (!removed[row]) result.kept.push_back(row);
  }
  return result;
}

}  // namespace

Result<TransformResult> call_transform(const PluginInstance& transform, ArrowBatch input) {
  RowVerdicts verdicts;
  sluice_rejector rejector{sizeof(sluice_rejector), &verdicts, RowVerdicts::reject, RowVerdicts::drop};
  ArrowBatch out;
  sluice_error err{sizeof(sluice_error), {0}};
  const int64_t in_rows = input.length();
  sluice_status status = transform.plugin().transform->process(
      transform.handle(), input.schema(), input.array(), out.schema(), out.array(), &rejector, &err);
  input.reset();  // the array was moved to the transform; this frees only the schema
  if (status != SLUICE_OK) return plugin_call_failed(transform, "process", status, err);
  TransformResult result = sort_verdicts(std::move(verdicts), in_rows);
  if (!out.valid() || out.length() != static_cast<int64_t>(result.kept.size())) {
    return runtime_error(transform.describe() + ": returned " + std::to_string(out.length()) + " rows, but " +
                         std::to_string(result.kept.size()) +
                         " were neither rejected nor dropped (transforms may not add rows)");
  }
  result.rows = std::move(out);
  return result;
}

}  // namespace sluice::core
