// How long and how often the sink tries again after losing the server: the
// support layer's equal-jitter backoff, up to a total time after which it
// gives up (0: never gives up).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include <sluice/support/backoff.hpp>

namespace sluice::postgres {

// The retry_* options (their defaults are the schema's).
struct RetryOptions {
  std::chrono::milliseconds initial_backoff{};
  std::chrono::milliseconds max_backoff{};
  // Total time one flush (or the start) keeps retrying; 0 = forever.
  std::chrono::milliseconds give_up_after{};
};

class DeadlineRetries {
 public:
  DeadlineRetries(const RetryOptions& options, std::chrono::steady_clock::time_point start,
                  uint64_t jitter_seed);

  // The wait before the next attempt, or nullopt when the time is up.
  std::optional<std::chrono::milliseconds> next_delay(std::chrono::steady_clock::time_point now);

  int attempts() const { return attempts_; }

 private:
  std::chrono::milliseconds give_up_after_;
  std::chrono::steady_clock::time_point start_;
  support::EqualJitterBackoff backoff_;
  int attempts_ = 0;
};

}  // namespace sluice::postgres
