// sqs_reference: drains an SQS queue as fast as a plain client can, to give
// bench/e2e the ceiling that sluice is measured against.
#include <cstdio>

#include <curl/curl.h>

#include "drain.h"
#include "reference_options.h"

int main(int argc, char** argv) {
  auto options = sqs_reference::parse_options(argc, argv);
  if (!options) return 2;
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    std::fprintf(stderr, "sqs_reference: curl_global_init failed\n");
    return 1;
  }
  sqs_reference::DrainTotals totals = sqs_reference::drain(*options);
  curl_global_cleanup();

  double seconds = totals.until_last_delete.count();
  double per_second = seconds > 0 ? static_cast<double>(totals.deleted) / seconds : 0.0;
  std::printf(
      "{\"messages\": %lld, \"seconds\": %.3f, \"messages_per_second\": %.1f, "
      "\"concurrency\": %d, \"failed_requests\": %lld}\n",
      totals.deleted, seconds, per_second, options->concurrency, totals.failed_requests);
  bool complete = options->expected == 0 || totals.deleted >= options->expected;
  return complete && !totals.gave_up ? 0 : 1;
}
