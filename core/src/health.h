// What /health answers. Healthy means: the pipeline is running and no sink
// is stuck. "Stuck" is judged by the host alone, whatever the sink is: the
// sink holds rows it was handed and has committed nothing for longer than
// `unhealthy_after` (a database sink retrying a lost server looks exactly
// like this). An idle pipeline holds nothing and stays healthy.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace sluice::core {

struct HealthVerdict {
  bool healthy = false;
  std::string reason;  // why not; names steps, never data
};

class Health {
 public:
  using Clock = std::chrono::steady_clock;

  explicit Health(Clock::duration unhealthy_after, std::function<Clock::time_point()> now = Clock::now);

  // The pipeline's life: starting (the initial state), running, then
  // stopped or failed for good.
  void running();
  void stopped();
  void failed();

  // Rows were handed to `sink` (a step name).
  void handed(const std::string& sink);
  // `sink` committed a write; `still_holding`: it holds other rows still.
  void committed(const std::string& sink, bool still_holding);

  HealthVerdict check() const;

 private:
  enum class Phase { kStarting, kRunning, kStopped, kFailed };

  const Clock::duration unhealthy_after_;
  const std::function<Clock::time_point()> now_;
  mutable std::mutex mutex_;
  Phase phase_ = Phase::kStarting;
  // Per sink: since when it has held rows without committing any.
  std::map<std::string, std::optional<Clock::time_point>> waiting_since_;
};

}  // namespace sluice::core
