#include "progress.h"

#include <gtest/gtest.h>

namespace sluice::core {
namespace {

TEST(ProgressFormat, CountsAreGroupedAsPeopleReadThem) {
  EXPECT_EQ(group_thousands(0), "0");
  EXPECT_EQ(group_thousands(999), "999");
  EXPECT_EQ(group_thousands(1000), "1,000");
  EXPECT_EQ(group_thousands(1234567), "1,234,567");
  EXPECT_EQ(group_thousands(-45000), "-45,000");
}

TEST(ProgressFormat, DurationsKeepTheUnitsThatMatter) {
  EXPECT_EQ(short_duration(std::chrono::seconds(0)), "0s");
  EXPECT_EQ(short_duration(std::chrono::seconds(59)), "59s");
  EXPECT_EQ(short_duration(std::chrono::seconds(185)), "3m05s");
  EXPECT_EQ(short_duration(std::chrono::seconds(7620)), "2h07m");
}

TEST(ProgressFormat, TheLineShowsCountsRateAndTimeToDrainTheBacklog) {
  ProgressCounts counts{12345, 12300, 12, 0};
  EXPECT_EQ(format_progress(counts, 2480.4, 7700),
            "received 12,345 | committed 12,300 | dead-lettered 12 | failed 0 | 2,480 rows/s"
            " | backlog ~7,700, ~3s to drain");
}

TEST(ProgressFormat, WithoutABacklogOrARateThereIsNoEstimate) {
  ProgressCounts counts{10, 10, 0, 0};
  EXPECT_EQ(format_progress(counts, 0, std::nullopt),
            "received 10 | committed 10 | dead-lettered 0 | failed 0 | 0 rows/s");
  EXPECT_EQ(format_progress(counts, 0, 500),
            "received 10 | committed 10 | dead-lettered 0 | failed 0 | 0 rows/s | backlog ~500");
  EXPECT_EQ(format_progress(counts, 100, 0),
            "received 10 | committed 10 | dead-lettered 0 | failed 0 | 100 rows/s | backlog ~0, drained");
}

TEST(ProgressCountsTest, ComeFromTheHostsMetrics) {
  Metrics metrics;
  metrics.add("rows_received_total", {}, 7);
  metrics.add("rows_committed_total", {}, 5);
  metrics.add("rows_dead_lettered_total", {}, 1);
  metrics.add("rows_acknowledged_total", {{"status", "failed"}}, 1);
  ProgressCounts counts = read_progress_counts(metrics);
  EXPECT_EQ(counts.received, 7);
  EXPECT_EQ(counts.committed, 5);
  EXPECT_EQ(counts.dead_lettered, 1);
  EXPECT_EQ(counts.failed, 1);
}

}  // namespace
}  // namespace sluice::core
