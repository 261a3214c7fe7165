#include "drain.h"

#include <cstdio>
#include <thread>
#include <vector>

#include "sqs_json_client.h"

namespace sqs_reference {
namespace {

using Clock = std::chrono::steady_clock;

// A worker that fails this many requests in a row gives up (the queue is gone).
constexpr int kMaxFailuresInARow = 20;
constexpr auto kRetryPause = std::chrono::milliseconds(100);

struct SharedProgress {
  Clock::time_point start = Clock::now();
  std::atomic<long long> deleted{0};
  std::atomic<long long> failed_requests{0};
  std::atomic<Clock::rep> last_delete{0};  // since start
  std::atomic<bool> done{false};
  std::atomic<bool> gave_up{false};
};

bool expected_reached(const ReferenceOptions& options, const SharedProgress& progress) {
  return options.expected > 0 && progress.deleted.load() >= options.expected;
}

void note_failure(const CallResult& result, SharedProgress& progress, int& failures_in_a_row) {
  progress.failed_requests.fetch_add(1);
  ++failures_in_a_row;
  std::fprintf(stderr, "sqs_reference: %s\n", result.error.c_str());
  std::this_thread::sleep_for(kRetryPause);
}

void note_deleted(size_t count, SharedProgress& progress) {
  progress.deleted.fetch_add(static_cast<long long>(count));
  Clock::rep now = (Clock::now() - progress.start).count();
  Clock::rep seen = progress.last_delete.load();
  while (seen < now && !progress.last_delete.compare_exchange_weak(seen, now)) {
  }
}

void work(const ReferenceOptions& options, SharedProgress& progress) {
  SqsJsonClient client(options.endpoint, options.queue_url);
  std::vector<std::string> receipt_handles;
  int empty_in_a_row = 0;
  int failures_in_a_row = 0;
  while (!progress.done.load() && empty_in_a_row < options.idle_receives &&
         failures_in_a_row < kMaxFailuresInARow) {
    CallResult received = client.receive(options.wait_time_seconds, receipt_handles);
    if (!received.ok) {
      note_failure(received, progress, failures_in_a_row);
      continue;
    }
    failures_in_a_row = 0;
    if (receipt_handles.empty()) {
      ++empty_in_a_row;
      continue;
    }
    empty_in_a_row = 0;
    CallResult deleted = client.delete_batch(receipt_handles);
    if (!deleted.ok) {
      note_failure(deleted, progress,
                   failures_in_a_row);  // the messages come back after their visibility timeout
      continue;
    }
    note_deleted(receipt_handles.size(), progress);
    if (expected_reached(options, progress)) progress.done.store(true);
  }
  if (failures_in_a_row >= kMaxFailuresInARow) progress.gave_up.store(true);
}

}  // namespace

DrainTotals drain(const ReferenceOptions& options) {
  SharedProgress progress;
  std::vector<std::thread> workers;
  for (int i = 0; i < options.concurrency; ++i) {
    workers.emplace_back(work, std::cref(options), std::ref(progress));
  }
  for (auto& worker : workers) worker.join();
  return {progress.deleted.load(), progress.failed_requests.load(), progress.gave_up.load(),
          Clock::duration(progress.last_delete.load())};
}

}  // namespace sqs_reference
