#include "deadline_retries.h"

#include <algorithm>

namespace sluice::postgres {

DeadlineRetries::DeadlineRetries(const RetryOptions& options, std::chrono::steady_clock::time_point start,
                                 uint64_t jitter_seed)
    : give_up_after_(options.give_up_after),
      start_(start),
      backoff_(options.initial_backoff, options.max_backoff, jitter_seed) {}

std::optional<std::chrono::milliseconds> DeadlineRetries::next_delay(
    std::chrono::steady_clock::time_point now) {
  const int retries_done = attempts_++;
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - start_);
  bool bounded = give_up_after_.count() > 0;
  if (bounded && elapsed >= give_up_after_) return std::nullopt;

  // Jittered, so that several sinks restarting together do not reconnect in step.
  std::chrono::milliseconds delay = backoff_.delay(retries_done);
  // Never sleep past the deadline: the last attempt happens at it.
  if (bounded) delay = std::min(delay, give_up_after_ - elapsed);
  return delay;
}

}  // namespace sluice::postgres
