// Keeps temporary credentials fresh. A background thread fetches a new set
// from the provider before the current one expires: at the latest 5 minutes
// before, or at half its remaining life when that is sooner. A failed
// refresh is retried with backoff while the current set is still valid;
// only when it has expired with no replacement does current() fail, with
// an error naming the provider. Callers take a reference-counted set, so a
// request signed with the old set keeps it while a new one arrives.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <sluice/support/log.hpp>
#include "credential_provider.h"

namespace sluice::sqs {

struct RefreshTiming {
  // Refresh at most this long before expiry...
  std::chrono::milliseconds lead{std::chrono::minutes(5)};
  // ...and retry a failed refresh after this, doubling up to max_retry_delay
  // (never past the expiry).
  std::chrono::milliseconds first_retry_delay{1000};
  std::chrono::milliseconds max_retry_delay{60000};
};

// When a set issued at `now` that expires at `expiration` should be replaced.
std::chrono::system_clock::time_point refresh_due(std::chrono::system_clock::time_point now,
                                                  std::chrono::system_clock::time_point expiration,
                                                  std::chrono::milliseconds lead);

class RefreshingCredentials {
 public:
  using SystemClock = std::chrono::system_clock;

  // Starts the refresh thread when `first` expires.
  RefreshingCredentials(std::shared_ptr<CredentialProvider> provider, IssuedCredentials first,
                        support::Logger logger, support::Counter counter = {}, RefreshTiming timing = {});
  ~RefreshingCredentials();

  RefreshingCredentials(const RefreshingCredentials&) = delete;
  RefreshingCredentials& operator=(const RefreshingCredentials&) = delete;

  // The set to sign with now, or an Error once it expired unreplaced.
  Result<SharedCredentials> current() const;
  // A supplier that keeps this object alive.
  static CredentialSupplier supplier(std::shared_ptr<RefreshingCredentials> credentials);

 private:
  void run();
  // Sleeps until `when` or stop; false when stopping.
  bool sleep_until(SystemClock::time_point when);

  std::shared_ptr<CredentialProvider> provider_;
  support::Logger logger_;
  support::Counter counter_;  // counts "credential_refreshes", "credential_refresh_failures"
  RefreshTiming timing_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  SharedCredentials current_;
  std::optional<SystemClock::time_point> expiration_;
  std::optional<Status> last_failure_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sluice::sqs
