// What a Prometheus scrape of /metrics shows: every host metric with HELP and
// TYPE from the start, plugin counters under sane names, label values that
// cannot break the exposition, and a bounded number of rejection reasons.
#include "metrics.h"

#include <gtest/gtest.h>

namespace sluice::core {
namespace {

bool has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST(MetricsTest, EveryHostMetricIsDescribedBeforeAnythingHappens) {
  Metrics metrics;
  std::string text = metrics.render_prometheus();
  for (const char* name : {"sluice_rows_received_total", "sluice_rows_committed_total",
                           "sluice_rows_rejected_total", "sluice_rows_dead_lettered_total",
                           "sluice_acknowledgements_total", "sluice_rows_acknowledged_total"}) {
    EXPECT_NE(text.find(std::string("# HELP ") + name + " "), std::string::npos) << name;
    EXPECT_TRUE(has(text, std::string("# TYPE ") + name + " counter")) << name;
  }
  EXPECT_TRUE(has(text, "# TYPE sluice_in_flight_rows gauge"));
  EXPECT_TRUE(has(text, "# TYPE sluice_batch_latency_seconds histogram"));
  EXPECT_TRUE(has(text, "sluice_rows_received_total 0"));
  EXPECT_TRUE(has(text, "sluice_in_flight_rows 0"));
  EXPECT_TRUE(has(text, "sluice_rows_acknowledged_total{status=\"failed\"} 0"));
  EXPECT_TRUE(has(text, "sluice_batch_latency_seconds_count 0"));
}

TEST(MetricsTest, CountersAddAndGaugesSet) {
  Metrics metrics;
  metrics.add("rows_received_total", {}, 3);
  metrics.add("rows_received_total", {}, 4);
  metrics.set("in_flight_rows", {}, 9);
  metrics.set("in_flight_rows", {}, 2);
  std::string text = metrics.render_prometheus();
  EXPECT_TRUE(has(text, "sluice_rows_received_total 7"));
  EXPECT_TRUE(has(text, "sluice_in_flight_rows 2"));
}

TEST(MetricsTest, LatencyBucketsAreCumulative) {
  Metrics metrics;
  metrics.observe_latency(0.003);
  metrics.observe_latency(0.2);
  metrics.observe_latency(100);
  std::string text = metrics.render_prometheus();
  EXPECT_TRUE(has(text, "sluice_batch_latency_seconds_bucket{le=\"0.005\"} 1"));
  EXPECT_TRUE(has(text, "sluice_batch_latency_seconds_bucket{le=\"0.25\"} 2"));
  EXPECT_TRUE(has(text, "sluice_batch_latency_seconds_bucket{le=\"30\"} 2"));
  EXPECT_TRUE(has(text, "sluice_batch_latency_seconds_bucket{le=\"+Inf\"} 3"));
  EXPECT_TRUE(has(text, "sluice_batch_latency_seconds_count 3"));
}

TEST(MetricsTest, PluginCountersAreNamedByStep) {
  Metrics metrics;
  metrics.add_plugin_counter("source", "messages_deleted", 10);
  metrics.add_plugin_counter("source", "messages_deleted", 5);
  metrics.add_plugin_counter("sink", "retries_total", 2);  // no double _total
  std::string text = metrics.render_prometheus();
  EXPECT_TRUE(has(text, "# TYPE sluice_plugin_messages_deleted_total counter"));
  EXPECT_NE(text.find("# HELP sluice_plugin_messages_deleted_total "), std::string::npos);
  EXPECT_TRUE(has(text, "sluice_plugin_messages_deleted_total{step=\"source\"} 15"));
  EXPECT_TRUE(has(text, "sluice_plugin_retries_total{step=\"sink\"} 2"));
}

TEST(MetricsTest, PluginCountersThatWouldCorruptTheExpositionAreIgnored) {
  Metrics metrics;
  metrics.add_plugin_counter("s", "Bad Name", 1);
  metrics.add_plugin_counter("s", "evil\n# TYPE x gauge", 1);
  metrics.add_plugin_counter("s", "", 1);
  metrics.add_plugin_counter("s", "negative", -1);
  std::string text = metrics.render_prometheus();
  EXPECT_EQ(text.find("sluice_plugin_"), std::string::npos) << text;
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  Metrics metrics;
  metrics.count_rejection("parse", "field \"ip\" \\ missing\nbadly");
  std::string text = metrics.render_prometheus();
  EXPECT_TRUE(has(
      text, "sluice_rows_rejected_total{step=\"parse\",reason=\"field \\\"ip\\\" \\\\ missing\\nbadly\"} 1"))
      << text;
}

TEST(MetricsTest, RejectionReasonsPerStepAreBounded) {
  Metrics metrics;
  for (int i = 0; i < 1000; ++i) metrics.count_rejection("noisy", "reason " + std::to_string(i));
  metrics.count_rejection("quiet", "reason 999");
  std::string text = metrics.render_prometheus();
  size_t series = 0;
  for (size_t at = text.find("sluice_rows_rejected_total{step=\"noisy\""); at != std::string::npos;
       at = text.find("sluice_rows_rejected_total{step=\"noisy\"", at + 1)) {
    ++series;
  }
  EXPECT_EQ(series, Metrics::kMaxReasonsPerStep + 1);
  EXPECT_EQ(metrics.get("rows_rejected_total", {{"step", "noisy"}, {"reason", Metrics::kOtherReason}}),
            1000 - Metrics::kMaxReasonsPerStep);
  EXPECT_EQ(metrics.get("rows_rejected_total", {{"step", "quiet"}, {"reason", "reason 999"}}), 1);
}

}  // namespace
}  // namespace sluice::core
