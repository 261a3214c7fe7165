#include "retry_policy_internal.h"

#include <algorithm>

namespace sluice::sqs {

Backoff::Backoff(RetryPolicy policy, std::uint32_t seed) : policy_(policy), random_(seed) {}

std::chrono::milliseconds Backoff::delay(int retries_done) {
  // Past 2^20 the cap always wins; stop shifting before it overflows.
  auto exponent = std::clamp(retries_done, 0, 20);
  auto ceiling = std::min<long long>(policy_.max_delay.count(), policy_.base_delay.count() << exponent);
  ceiling = std::max<long long>(ceiling, 0);
  std::uniform_int_distribution<long long> pick(ceiling / 2, ceiling);
  return std::max(kMinDelay, std::chrono::milliseconds(pick(random_)));
}

}  // namespace sluice::sqs
