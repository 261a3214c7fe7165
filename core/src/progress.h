// The progress line of `sluice run` on a terminal: once a second, what the
// pipeline has done (rows received, committed, dead-lettered, failed), its
// rate, and, when the source can tell, the backlog left with an estimate of
// the time to drain it. Shown only when stderr is a terminal and logs are
// text (never in pipes, files or JSON logs), and not with --no-progress.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>

#include "metrics.h"
#include "periodic_task.h"

namespace sluice::core {

// The host's counters the line shows.
struct ProgressCounts {
  double received = 0;
  double committed = 0;
  double dead_lettered = 0;
  double failed = 0;
};
ProgressCounts read_progress_counts(const Metrics& metrics);

// One line, e.g. "received 12,345 | committed 12,300 | dead-lettered 12 |
// failed 0 | 2,480 rows/s | backlog ~7,700, ~3s to drain".
std::string format_progress(const ProgressCounts& counts, double rows_per_second,
                            std::optional<int64_t> backlog);

// "12,345": thousands separated, as people read counts.
std::string group_thousands(int64_t value);
// "42s", "3m05s", "2h07m": a duration to the precision that matters.
std::string short_duration(std::chrono::seconds duration);

// Whether `sluice run` shows the line: stderr is a terminal, logs are
// text, and the user did not say --no-progress.
bool progress_wanted(bool no_progress);

class ProgressLine {
 public:
  using BacklogProbe = std::function<std::optional<int64_t>()>;

  // Starts refreshing the line every `period` from Metrics::instance() and
  // `backlog` (which may answer nullopt).
  explicit ProgressLine(BacklogProbe backlog, std::chrono::milliseconds period = std::chrono::seconds(1));
  // Stops and removes the line.
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

 private:
  void redraw();
  // Rows committed per second over the last few seconds.
  double commit_rate(std::chrono::steady_clock::time_point now, double committed);

  BacklogProbe backlog_;
  std::deque<std::pair<std::chrono::steady_clock::time_point, double>> recent_commits_;
  std::optional<PeriodicTask> task_;  // last: it calls Redraw() until reset first
};

}  // namespace sluice::core
