#include "reference_ratio_reporter.h"

#include <cstdio>

namespace sluice::maskers::bench {

void ReferenceRatioReporter::ReportRuns(const std::vector<Run>& runs) {
  ConsoleReporter::ReportRuns(runs);
  for (const Run& run : runs) {
    // With --benchmark_repetitions, the median stands for the benchmark.
    const bool representative =
        run.run_type == Run::RT_Iteration ? run.repetitions <= 1 : run.aggregate_name == "median";
    const auto rate = run.counters.find("items_per_second");
    if (!representative || rate == run.counters.end()) continue;
    const std::string name = run.run_name.function_name;
    if (!values_per_second_.contains(name)) order_.push_back(name);
    values_per_second_[name] = rate->second.value;
  }
}

void ReferenceRatioReporter::Finalize() {
  ConsoleReporter::Finalize();
  std::printf("\n%-28s %16s   %s\n", "benchmark (one core)", "values/s", "cost of one value");
  for (const std::string& name : order_) {
    const double rate = values_per_second_[name];
    std::printf("%-28s %16.0f", name.c_str(), rate);
    const auto reference = references_.find(name);
    if (reference != references_.end() && values_per_second_.contains(reference->second)) {
      std::printf("   %.2f x %s", values_per_second_[reference->second] / rate, reference->second.c_str());
    }
    std::printf("\n");
  }
}

}  // namespace sluice::maskers::bench
