#include "metrics.h"

#include <cstdio>

#include "log.h"

namespace sluice::core {
namespace {

std::string RenderLabels(const Metrics::Labels& labels) {
  if (labels.empty()) return {};
  std::string out = "{";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ",";
    out += labels[i].first + "=\"" + JsonEscape(labels[i].second) + "\"";
  }
  return out + "}";
}

std::string FormatNumber(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

bool ValidMetricName(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

Metrics& Metrics::Instance() {
  static Metrics metrics;
  return metrics;
}

void Metrics::Add(const std::string& name, const Labels& labels, double value) {
  std::lock_guard lock(mutex_);
  Series& s = series_[name];
  s.type = "counter";
  s.values[RenderLabels(labels)] += value;
}

void Metrics::Set(const std::string& name, const Labels& labels, double value) {
  std::lock_guard lock(mutex_);
  Series& s = series_[name];
  s.type = "gauge";
  s.values[RenderLabels(labels)] = value;
}

void Metrics::AddPluginCounter(const std::string& step, const std::string& name, double value) {
  if (!ValidMetricName(name)) return;  // a plugin cannot inject text into the exposition
  Add("plugin_" + name + "_total", {{"step", step}}, value);
}

void Metrics::ObserveLatency(double seconds) {
  std::lock_guard lock(mutex_);
  size_t bucket = 0;
  while (bucket < std::size(kLatencyBuckets) && seconds > kLatencyBuckets[bucket]) ++bucket;
  ++latency_counts_[bucket];
  latency_sum_ += seconds;
  ++latency_count_;
}

double Metrics::Get(const std::string& name, const Labels& labels) const {
  std::lock_guard lock(mutex_);
  auto it = series_.find(name);
  if (it == series_.end()) return 0;
  auto v = it->second.values.find(RenderLabels(labels));
  return v == it->second.values.end() ? 0 : v->second;
}

std::string Metrics::RenderPrometheus() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, series] : series_) {
    out += "# TYPE sluice_" + name + " " + series.type + "\n";
    for (const auto& [labels, value] : series.values) out += "sluice_" + name + labels + " " + FormatNumber(value) + "\n";
  }
  out += "# TYPE sluice_batch_latency_seconds histogram\n";
  uint64_t cumulative = 0;
  for (size_t i = 0; i < std::size(kLatencyBuckets); ++i) {
    cumulative += latency_counts_[i];
    out += "sluice_batch_latency_seconds_bucket{le=\"" + FormatNumber(kLatencyBuckets[i]) + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  out += "sluice_batch_latency_seconds_bucket{le=\"+Inf\"} " + std::to_string(latency_count_) + "\n";
  out += "sluice_batch_latency_seconds_sum " + FormatNumber(latency_sum_) + "\n";
  out += "sluice_batch_latency_seconds_count " + std::to_string(latency_count_) + "\n";
  return out;
}

}  // namespace sluice::core
