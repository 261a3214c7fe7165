#include "retry_policy.h"

#include <algorithm>

namespace sluice::pg {

RetryPolicy::RetryPolicy(const RetryOptions& options, std::chrono::steady_clock::time_point start,
                         uint64_t jitter_seed)
    : options_(options),
      start_(start),
      ceiling_(std::max<std::chrono::milliseconds>(options.initial_backoff,
                                                   std::chrono::milliseconds(1))),
      jitter_state_(jitter_seed | 1) {}

std::optional<std::chrono::milliseconds> RetryPolicy::next_delay(
    std::chrono::steady_clock::time_point now) {
  ++attempts_;
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - start_);
  bool bounded = options_.give_up_after.count() > 0;
  if (bounded && elapsed >= options_.give_up_after) return std::nullopt;

  // "Equal jitter": half the ceiling plus a random part of the other half,
  // so that several sinks restarting together do not reconnect in step.
  jitter_state_ ^= jitter_state_ << 13;
  jitter_state_ ^= jitter_state_ >> 7;
  jitter_state_ ^= jitter_state_ << 17;
  auto half = ceiling_.count() / 2;
  std::chrono::milliseconds delay(half + static_cast<int64_t>(jitter_state_ % (half + 1)));
  ceiling_ = std::min(ceiling_ * 2, std::max(options_.max_backoff, options_.initial_backoff));

  // Never sleep past the deadline: the last attempt happens at it.
  if (bounded) delay = std::min(delay, options_.give_up_after - elapsed);
  return delay;
}

}  // namespace sluice::pg
