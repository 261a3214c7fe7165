// Exponential backoff with "equal jitter" (AWS Architecture Blog,
// "Exponential Backoff And Jitter"): the n-th retry waits a uniformly random
// time in [c/2, c] with c = min(cap, base * 2^n). The jitter keeps many
// clients from retrying in step; the floor makes max_retries a known minimum
// time (8 retries ride out at least 12.7 s of outage), which full jitter,
// starting at 0, does not give. Whatever the policy, a retry waits at least
// kMinDelay, so that a failing call is never repeated in a tight loop.
#pragma once

#include <chrono>
#include <random>

namespace sluice::sqs {

struct RetryPolicy {
  int max_retries = 4;
  std::chrono::milliseconds base_delay{100};
  std::chrono::milliseconds max_delay{20000};
};

class Backoff {
 public:
  static constexpr std::chrono::milliseconds kMinDelay{10};

  explicit Backoff(RetryPolicy policy, std::uint32_t seed = std::random_device{}());

  const RetryPolicy& policy() const { return policy_; }
  // True when the (retries_done + 1)-th retry is still allowed.
  bool allows_retry(int retries_done) const { return retries_done < policy_.max_retries; }
  // How long to wait before retry number `retries_done + 1`.
  std::chrono::milliseconds delay(int retries_done);

 private:
  RetryPolicy policy_;
  std::mt19937 random_;
};

}  // namespace sluice::sqs
