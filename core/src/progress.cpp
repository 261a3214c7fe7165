#include "progress.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>

#include "log.h"

namespace sluice::core {
namespace {

// The rate is taken over this window: long enough to smooth batch commits,
// short enough to follow a change of pace.
constexpr std::chrono::seconds kRateWindow{5};

}  // namespace

ProgressCounts read_progress_counts(const Metrics& metrics) {
  ProgressCounts counts;
  counts.received = metrics.get("rows_received_total", {});
  counts.committed = metrics.get("rows_committed_total", {});
  counts.dead_lettered = metrics.get("rows_dead_lettered_total", {});
  counts.failed = metrics.get("rows_acknowledged_total", {{"status", "failed"}});
  return counts;
}

std::string group_thousands(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return value < 0 ? "-" + grouped : grouped;
}

std::string short_duration(std::chrono::seconds duration) {
  long long total = duration.count();
  char text[32];
  if (total < 60) {
    std::snprintf(text, sizeof text, "%llds", total);
  } else if (total < 3600) {
    std::snprintf(text, sizeof text, "%lldm%02llds", total / 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%lldh%02lldm", total / 3600, total / 60 % 60);
  }
  return text;
}

std::string format_progress(const ProgressCounts& counts, double rows_per_second,
                            std::optional<int64_t> backlog) {
  auto count = [](double value) { return group_thousands(std::llround(value)); };
  std::string line = "received " + count(counts.received) + " | committed " + count(counts.committed) +
                     " | dead-lettered " + count(counts.dead_lettered) + " | failed " + count(counts.failed) +
                     " | " + count(rows_per_second) + " rows/s";
  if (backlog) {
    line += " | backlog ~" + group_thousands(*backlog);
    if (*backlog == 0) {
      line += ", drained";
    } else if (rows_per_second >= 1) {
      auto eta = std::chrono::seconds(std::llround(static_cast<double>(*backlog) / rows_per_second));
      line += ", ~" + short_duration(eta) + " to drain";
    }
  }
  return line;
}

bool progress_wanted(bool no_progress) {
  return !no_progress && isatty(STDERR_FILENO) == 1 && !log_is_json();
}

ProgressLine::ProgressLine(BacklogProbe backlog, std::chrono::milliseconds period)
    : backlog_(std::move(backlog)) {
  task_.emplace(period, PeriodicTask::Start::kAfterOnePeriod, [this] { redraw(); });
}

ProgressLine::~ProgressLine() {
  task_.reset();
  show_status_line("");
}

double ProgressLine::commit_rate(std::chrono::steady_clock::time_point now, double committed) {
  recent_commits_.emplace_back(now, committed);
  while (recent_commits_.size() > 2 && now - recent_commits_.front().first > kRateWindow) {
    recent_commits_.pop_front();
  }
  const auto& [then, committed_then] = recent_commits_.front();
  double seconds = std::chrono::duration<double>(now - then).count();
  return seconds > 0 ? (committed - committed_then) / seconds : 0;
}

void ProgressLine::redraw() {
  ProgressCounts counts = read_progress_counts(Metrics::instance());
  double rate = commit_rate(std::chrono::steady_clock::now(), counts.committed);
  std::optional<int64_t> backlog = backlog_ ? backlog_() : std::nullopt;
  show_status_line(format_progress(counts, rate, backlog));
}

}  // namespace sluice::core
