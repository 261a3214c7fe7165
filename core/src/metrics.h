// Process-wide counters, gauges and one latency histogram, rendered in the
// Prometheus text format. Labels carry step names and reasons, never data.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace sluice::core {

class Metrics {
 public:
  static Metrics& Instance();

  // name: a metric name without the sluice_ prefix; labels: rendered as
  // given, e.g. {{"step","parse"},{"reason","missing field"}}.
  using Labels = std::vector<std::pair<std::string, std::string>>;
  void Add(const std::string& name, const Labels& labels, double value);
  void Set(const std::string& name, const Labels& labels, double value);
  void ObserveLatency(double seconds);
  // A counter a plugin reported through sluice_host.count.
  void AddPluginCounter(const std::string& step, const std::string& name, double value);

  double Get(const std::string& name, const Labels& labels) const;
  std::string RenderPrometheus() const;

 private:
  struct Series {
    std::string type;  // "counter" or "gauge"
    std::map<std::string, double> values;  // rendered label set -> value
  };
  static constexpr double kLatencyBuckets[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  mutable std::mutex mutex_;
  std::map<std::string, Series> series_;
  std::vector<uint64_t> latency_counts_ = std::vector<uint64_t>(std::size(kLatencyBuckets) + 1);
  double latency_sum_ = 0;
  uint64_t latency_count_ = 0;
};

}  // namespace sluice::core
