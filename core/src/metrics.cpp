#include "metrics.h"

#include <charconv>
#include <cmath>
#include <string_view>

namespace sluice::core {
namespace {

struct Description {
  const char* name;  // without the sluice_ prefix
  const char* type;
  bool sparse;  // series appear as they are counted or set (labelled ones, optional values)
  const char* help;
};

// The host's metrics, in the order a scrape shows them.
constexpr Description kHostMetrics[] = {
    {"rows_received_total", "counter", false,
     "Rows taken from the source (one per message for a queue source)."},
    {"rows_committed_total", "counter", false, "Rows the sink reported committed."},
    {"rows_rejected_total", "counter", true,
     "Rows rejected, by step and reason (reasons name fields, never values)."},
    {"rows_dead_lettered_total", "counter", false, "Rejected rows the dead-letter sink reported committed."},
    {"acknowledgements_total", "counter", false,
     "Source batches acknowledged, once every row in them was settled."},
    {"rows_acknowledged_total", "counter", true,
     "Rows acknowledged to the source, by status: done (committed or filtered out), dead_lettered, "
     "rejected (no dead-letter sink: left in the source), failed (offered again)."},
    {"in_flight_rows", "gauge", false,
     "Rows taken from the source and not yet acknowledged (messages, for a queue source)."},
    {"source_backlog", "gauge", true,
     "Messages waiting in the source, approximately (SQS: ApproximateNumberOfMessages); absent when the "
     "source "
     "cannot tell."},
};
constexpr const char* kAcknowledgedStatuses[] = {"done", "dead_lettered", "rejected", "failed"};
constexpr const char* kLatencyHelp = "Seconds from taking a source batch to the sink committing its rows.";
constexpr std::string_view kPluginPrefix = "plugin_";
constexpr std::string_view kTotalSuffix = "_total";

// Prometheus text format: a label value escapes \, " and newline; other
// control characters become spaces rather than break the line.
std::string escape_label_value(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else if (static_cast<unsigned char>(c) < 0x20)
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string render_labels(const Metrics::Labels& labels) {
  if (labels.empty()) return {};
  std::string out = "{";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ",";
    out += labels[i].first + "=\"" + escape_label_value(labels[i].second) + "\"";
  }
  return out + "}";
}

// The shortest text that reads back as `v`: 0.005, not 0.0050000000000000001.
std::string format_number(double v) {
  char buf[64];
  auto [end, error] = std::to_chars(buf, buf + sizeof buf, v);
  return error == std::errc() ? std::string(buf, end) : "NaN";
}

bool valid_metric_name(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

const Description* find_host_metric(const std::string& name) {
  for (const Description& d : kHostMetrics) {
    if (name == d.name) return &d;
  }
  return nullptr;
}

std::string help_for(const std::string& name) {
  if (const Description* d = find_host_metric(name)) return d->help;
  if (name.starts_with(kPluginPrefix) && name.ends_with(kTotalSuffix)) {
    std::string counted =
        name.substr(kPluginPrefix.size(), name.size() - kPluginPrefix.size() - kTotalSuffix.size());
    return "What plugin steps counted as " + counted + ", by step.";
  }
  return name;
}

void render_series(std::string& out, const std::string& name, const std::string& type,
                   const std::map<std::string, double>& values) {
  out += "# HELP sluice_" + name + " " + help_for(name) + "\n";
  out += "# TYPE sluice_" + name + " " + type + "\n";
  for (const auto& [labels, value] : values)
    out += "sluice_" + name + labels + " " + format_number(value) + "\n";
}

}  // namespace

Metrics& Metrics::instance() {
  static Metrics metrics;
  return metrics;
}

// Every host metric exists from the start, so a scrape before the first
// message shows zeros rather than nothing (and rate() has a baseline).
Metrics::Metrics() {
  for (const Description& d : kHostMetrics) {
    Series& s = series_[d.name];
    s.type = d.type;
    if (!d.sparse) s.values[""] = 0;
  }
  for (const char* status : kAcknowledgedStatuses)
    add_locked("rows_acknowledged_total", {{"status", status}}, 0);
}

void Metrics::add_locked(const std::string& name, const Labels& labels, double value) {
  Series& s = series_[name];
  s.type = "counter";
  s.values[render_labels(labels)] += value;
}

void Metrics::add(const std::string& name, const Labels& labels, double value) {
  std::lock_guard lock(mutex_);
  add_locked(name, labels, value);
}

void Metrics::set(const std::string& name, const Labels& labels, double value) {
  std::lock_guard lock(mutex_);
  Series& s = series_[name];
  s.type = "gauge";
  s.values[render_labels(labels)] = value;
}

void Metrics::add_plugin_counter(const std::string& step, const std::string& name, double value) {
  // A plugin cannot inject text into the exposition, nor count backwards.
  if (!valid_metric_name(name) || !std::isfinite(value) || value < 0) return;
  std::string counted =
      name.ends_with(kTotalSuffix) ? name.substr(0, name.size() - kTotalSuffix.size()) : name;
  if (counted.empty()) return;
  add(std::string(kPluginPrefix) + counted + std::string(kTotalSuffix), {{"step", step}}, value);
}

void Metrics::count_rejection(const std::string& step, const std::string& reason) {
  std::lock_guard lock(mutex_);
  std::set<std::string>& reasons = reasons_by_step_[step];
  bool known = reasons.count(reason) > 0;
  if (!known && reasons.size() < kMaxReasonsPerStep) {
    reasons.insert(reason);
    known = true;
  }
  add_locked("rows_rejected_total", {{"step", step}, {"reason", known ? reason : kOtherReason}}, 1);
}

void Metrics::observe_latency(double seconds) {
  std::lock_guard lock(mutex_);
  size_t bucket = 0;
  while (bucket < std::size(kLatencyBuckets) && seconds > kLatencyBuckets[bucket]) ++bucket;
  ++latency_counts_[bucket];
  latency_sum_ += seconds;
  ++latency_count_;
}

double Metrics::get(const std::string& name, const Labels& labels) const {
  std::lock_guard lock(mutex_);
  auto it = series_.find(name);
  if (it == series_.end()) return 0;
  auto v = it->second.values.find(render_labels(labels));
  return v == it->second.values.end() ? 0 : v->second;
}

std::string Metrics::render_prometheus() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const Description& d : kHostMetrics) {
    const Series& s = series_.at(d.name);
    render_series(out, d.name, s.type, s.values);
  }
  render_histogram(out);
  for (const auto& [name, series] : series_) {
    if (find_host_metric(name) == nullptr) render_series(out, name, series.type, series.values);
  }
  return out;
}

void Metrics::render_histogram(std::string& out) const {
  out += std::string("# HELP sluice_batch_latency_seconds ") + kLatencyHelp + "\n";
  out += "# TYPE sluice_batch_latency_seconds histogram\n";
  uint64_t cumulative = 0;
  for (size_t i = 0; i < std::size(kLatencyBuckets); ++i) {
    cumulative += latency_counts_[i];
    out += "sluice_batch_latency_seconds_bucket{le=\"" + format_number(kLatencyBuckets[i]) + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  out += "sluice_batch_latency_seconds_bucket{le=\"+Inf\"} " + std::to_string(latency_count_) + "\n";
  out += "sluice_batch_latency_seconds_sum " + format_number(latency_sum_) + "\n";
  out += "sluice_batch_latency_seconds_count " + std::to_string(latency_count_) + "\n";
}

}  // namespace sluice::core
