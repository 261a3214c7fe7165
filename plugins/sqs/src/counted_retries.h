// How many times the library retries a failed call, and the range of
// the equal-jitter backoff between tries (support::EqualJitterBackoff: the
// n-th retry waits a random time in [c/2, c], c = min(max_delay,
// base_delay * 2^n), never under 10 ms). The floor makes max_retries a known
// minimum time: 8 retries ride out at least 12.7 s of outage.
#pragma once

#include <chrono>
#include <random>

#include <sluice/support/backoff.hpp>

namespace sluice::sqs {

struct CountedRetries {
  int max_retries = 4;
  std::chrono::milliseconds base_delay{100};
  std::chrono::milliseconds max_delay{20000};

  // True when the (retries_done + 1)-th retry is still allowed.
  bool allows_retry(int retries_done) const { return retries_done < max_retries; }
  // The waits between this policy's retries.
  support::EqualJitterBackoff backoff(std::uint64_t seed = std::random_device{}()) const {
    return support::EqualJitterBackoff(base_delay, max_delay, seed);
  }
};

}  // namespace sluice::sqs
