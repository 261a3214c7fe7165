// Process-wide counters, gauges and one latency histogram, rendered in the
// Prometheus text format. Labels carry step names, reasons and statuses,
// never data. The host's own metrics are described (HELP, TYPE) in
// metrics.cpp and shown from the start, at zero.
#pragma once

#include <cstdint>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace sluice::core {

class Metrics {
 public:
  static Metrics& instance();
  Metrics();  // a fresh set, for tests; the process uses Instance()

  // name: a metric name without the sluice_ prefix; labels: rendered as
  // given, e.g. {{"step","parse"},{"reason","missing field"}}.
  using Labels = std::vector<std::pair<std::string, std::string>>;
  void add(const std::string& name, const Labels& labels, double value);
  void set(const std::string& name, const Labels& labels, double value);
  void observe_latency(double seconds);
  // A counter a plugin reported through sluice_host.count, exported as
  // sluice_plugin_<name>_total{step="..."}.
  void add_plugin_counter(const std::string& step, const std::string& name, double value);
  // One row rejected by `step`. A step that reports more distinct reasons
  // than kMaxReasonsPerStep (a reason with a row number in it, say) has the
  // rest counted under kOtherReason, so it cannot flood the scrape.
  void count_rejection(const std::string& step, const std::string& reason);
  static constexpr size_t kMaxReasonsPerStep = 64;
  static constexpr const char* kOtherReason = "other (too many distinct reasons)";

  double get(const std::string& name, const Labels& labels) const;
  std::string render_prometheus() const;

 private:
  struct Series {
    std::string type;                      // "counter" or "gauge"
    std::map<std::string, double> values;  // rendered label set -> value
  };
  static constexpr double kLatencyBuckets[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  void add_locked(const std::string& name, const Labels& labels, double value);
  void render_histogram(std::string& out) const;

  mutable std::mutex mutex_;
  std::map<std::string, Series> series_;
  std::map<std::string, std::set<std::string>> reasons_by_step_;
  std::vector<uint64_t> latency_counts_ = std::vector<uint64_t>(std::size(kLatencyBuckets) + 1);
  double latency_sum_ = 0;
  uint64_t latency_count_ = 0;
};

}  // namespace sluice::core
