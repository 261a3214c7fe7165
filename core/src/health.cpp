#include "health.h"

namespace sluice::core {

Health::Health(Clock::duration unhealthy_after, std::function<Clock::time_point()> now)
    : unhealthy_after_(unhealthy_after), now_(std::move(now)) {}

void Health::running() {
  std::lock_guard lock(mutex_);
  if (phase_ == Phase::kStarting) phase_ = Phase::kRunning;
}

void Health::stopped() {
  std::lock_guard lock(mutex_);
  if (phase_ != Phase::kFailed) phase_ = Phase::kStopped;
}

void Health::failed() {
  std::lock_guard lock(mutex_);
  phase_ = Phase::kFailed;
}

void Health::handed(const std::string& sink) {
  std::lock_guard lock(mutex_);
  std::optional<Clock::time_point>& since = waiting_since_[sink];
  if (!since) since = now_();
}

void Health::committed(const std::string& sink, bool still_holding) {
  std::lock_guard lock(mutex_);
  std::optional<Clock::time_point>& since = waiting_since_[sink];
  if (still_holding) {
    since = now_();  // progress: what it still holds gets a full allowance
  } else {
    since.reset();
  }
}

HealthVerdict Health::check() const {
  std::lock_guard lock(mutex_);
  switch (phase_) {
    case Phase::kStarting: return {false, "the pipeline is starting"};
    case Phase::kStopped: return {false, "the pipeline has stopped"};
    case Phase::kFailed: return {false, "the pipeline failed"};
    case Phase::kRunning: break;
  }
  Clock::time_point now = now_();
  for (const auto& [sink, since] : waiting_since_) {
    if (!since || now - *since <= unhealthy_after_) continue;
    auto stalled = std::chrono::duration_cast<std::chrono::seconds>(now - *since).count();
    return {false, "sink '" + sink + "' has committed nothing for " + std::to_string(stalled) +
                       " s while holding rows"};
  }
  return {true, ""};
}

}  // namespace sluice::core
