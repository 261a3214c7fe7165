// sluice/support/backoff.hpp: exponential backoff with "equal jitter" (AWS
// Architecture Blog, "Exponential Backoff And Jitter"). Retry n waits a
// uniformly random time in [c/2, c], c = min(cap, base * 2^n): the jitter
// keeps many clients from retrying in step, and the floor makes a number of
// retries a known minimum time, which full jitter (starting at 0) does not.
// When to give up (a count, a time budget) is the caller's rule.
#ifndef SLUICE_SUPPORT_BACKOFF_HPP
#define SLUICE_SUPPORT_BACKOFF_HPP

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>

namespace sluice::support {

class EqualJitterBackoff {
 public:
  // Whatever the settings, a wait is at least this long, so that a failing
  // call is never repeated in a tight loop.
  static constexpr std::chrono::milliseconds kMinDelay{10};

  EqualJitterBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, std::uint64_t seed)
      : base_(std::max(base, std::chrono::milliseconds(0))),
        cap_(std::max(cap, std::chrono::milliseconds(0))),
        random_(seed) {}

  // The wait before retry number `retries_done + 1`.
  std::chrono::milliseconds delay(int retries_done) {
    const std::chrono::milliseconds ceiling = ceiling_for(retries_done);
    std::uniform_int_distribution<std::int64_t> pick(ceiling.count() / 2, ceiling.count());
    return std::max(std::chrono::milliseconds(pick(random_)), kMinDelay);
  }

  // min(cap, base * 2^retries_done), without overflow (the cap wins over
  // the base when they disagree).
  std::chrono::milliseconds ceiling_for(int retries_done) const {
    std::chrono::milliseconds ceiling = base_;
    for (int i = 0; i < retries_done && ceiling < cap_ && ceiling.count() > 0; ++i) ceiling *= 2;
    return std::min(ceiling, cap_);
  }

 private:
  std::chrono::milliseconds base_;
  std::chrono::milliseconds cap_;
  std::mt19937_64 random_;
};

}  // namespace sluice::support

#endif  // SLUICE_SUPPORT_BACKOFF_HPP
