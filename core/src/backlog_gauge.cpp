#include "backlog_gauge.h"

#include "metrics.h"

namespace sluice::core {

BacklogGauge::BacklogGauge(BacklogProbe backlog, std::chrono::milliseconds period)
    : backlog_(std::move(backlog)),
      task_(period, PeriodicTask::Start::kAtOnce, [this] { export_backlog(); }) {}

void BacklogGauge::export_backlog() {
  // The source answers from a figure it refreshes in the background: the
  // first ask starts that, a later one exports it.
  if (std::optional<int64_t> waiting = backlog_()) {
    Metrics::instance().set("source_backlog", {}, static_cast<double>(*waiting));
  }
}

}  // namespace sluice::core
