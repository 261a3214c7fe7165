// Console output as usual, then a summary: each benchmark's values per
// second and its cost in units of its reference (how many raw AES blocks, or
// plain SHA-256 computations of the same input, one masked value costs).
// Ratios travel across machines better than absolute rates.
#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

namespace sluice::maskers::bench {

class ReferenceRatioReporter : public benchmark::ConsoleReporter {
 public:
  // `references` maps a benchmark name to the name of its reference.
  explicit ReferenceRatioReporter(std::map<std::string, std::string> references)
      : references_(std::move(references)) {}

  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

 private:
  std::map<std::string, std::string> references_;
  std::vector<std::string> order_;
  std::map<std::string, double> values_per_second_;
};

}  // namespace sluice::maskers::bench
