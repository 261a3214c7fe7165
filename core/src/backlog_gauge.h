// Exports the source's backlog (messages waiting, when the source can tell:
// sluice_source_ops.backlog) as the gauge sluice_source_backlog, asked
// every few seconds while the metrics server runs.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include "periodic_task.h"

namespace sluice::core {

class BacklogGauge {
 public:
  using BacklogProbe = std::function<std::optional<int64_t>()>;

  explicit BacklogGauge(BacklogProbe backlog, std::chrono::milliseconds period = std::chrono::seconds(5));

 private:
  void export_backlog();

  BacklogProbe backlog_;
  PeriodicTask task_;  // last: it calls export_backlog() until destroyed first
};

}  // namespace sluice::core
