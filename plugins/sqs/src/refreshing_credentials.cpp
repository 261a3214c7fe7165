#include "refreshing_credentials.h"

#include <algorithm>
#include <ctime>
#include <random>

#include <sluice/support/backoff.hpp>

namespace sluice::sqs {
namespace {

using std::chrono::milliseconds;

// Never refresh in a tighter loop than this, whatever the provider issues.
constexpr milliseconds kMinimumPause{100};

std::string utc_text(std::chrono::system_clock::time_point time) {
  auto seconds = std::chrono::system_clock::to_time_t(time);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

long long whole_seconds(std::chrono::system_clock::duration span) {
  return std::chrono::duration_cast<std::chrono::seconds>(span).count();
}

}  // namespace

std::chrono::system_clock::time_point refresh_due(std::chrono::system_clock::time_point now,
                                                  std::chrono::system_clock::time_point expiration,
                                                  milliseconds lead) {
  auto remaining = expiration - now;
  if (remaining <= std::chrono::system_clock::duration::zero()) return now + kMinimumPause;
  auto before_expiry = std::min<std::chrono::system_clock::duration>(lead, remaining / 2);
  return std::max(now + kMinimumPause, expiration - before_expiry);
}

RefreshingCredentials::RefreshingCredentials(std::shared_ptr<CredentialProvider> provider,
                                             IssuedCredentials first, support::Logger logger,
                                             support::Counter counter, RefreshTiming timing)
    : provider_(std::move(provider)),
      logger_(std::move(logger)),
      counter_(std::move(counter)),
      timing_(timing),
      current_(std::make_shared<const AwsCredentials>(std::move(first.credentials))),
      expiration_(first.expiration) {
  if (expiration_) thread_ = std::thread([this] { run(); });
}

RefreshingCredentials::~RefreshingCredentials() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<SharedCredentials> RefreshingCredentials::current() const {
  std::lock_guard lock(mutex_);
  if (expiration_ && SystemClock::now() >= *expiration_) {
    return make_error(
        ErrorKind::kCredentialsExpired,
        "the AWS credentials from " + provider_->name() + " expired at " + utc_text(*expiration_) +
            " and could not be refreshed: " +
            (last_failure_ ? last_failure_->message() : std::string("no refresh finished in time")));
  }
  return current_;
}

CredentialSupplier RefreshingCredentials::supplier(std::shared_ptr<RefreshingCredentials> credentials) {
  return [credentials = std::move(credentials)] { return credentials->current(); };
}

bool RefreshingCredentials::sleep_until(SystemClock::time_point when) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_until(lock, when, [this] { return stopping_; });
}

void RefreshingCredentials::run() {
  support::EqualJitterBackoff backoff(timing_.first_retry_delay, timing_.max_retry_delay,
                                      std::random_device{}());
  for (;;) {
    SystemClock::time_point expiration;
    {
      std::lock_guard lock(mutex_);
      expiration = *expiration_;
    }
    if (!sleep_until(refresh_due(SystemClock::now(), expiration, timing_.lead))) return;
    for (int failures = 0;; ++failures) {
      auto issued = provider_->fetch();
      auto now = SystemClock::now();
      if (issued.ok()) {
        std::lock_guard lock(mutex_);
        current_ = std::make_shared<const AwsCredentials>(std::move(issued->credentials));
        expiration_ = issued->expiration;
        last_failure_.reset();
        if (logger_) {
          logger_(support::LogLevel::kInfo,
                  "refreshed the AWS credentials from " + provider_->name() +
                      (expiration_
                           ? "; they expire in " + std::to_string(whole_seconds(*expiration_ - now)) + " s"
                           : std::string("; they do not expire")));
        }
        if (counter_) counter_("credential_refreshes", 1);
        if (!expiration_) return;
        break;
      }
      if (counter_) counter_("credential_refresh_failures", 1);
      {
        std::lock_guard lock(mutex_);
        last_failure_ = issued.status();
      }
      if (now >= expiration) {
        if (logger_) {
          logger_(support::LogLevel::kError,
                  "the AWS credentials from " + provider_->name() +
                      " expired and could not be refreshed: " + issued.status().message());
        }
        return;
      }
      auto delay = std::min<SystemClock::duration>(backoff.delay(failures), (expiration - now) / 2);
      delay = std::max<SystemClock::duration>(delay, kMinimumPause);
      if (logger_) {
        logger_(support::LogLevel::kWarn,
                "refreshing the AWS credentials from " + provider_->name() +
                    " failed: " + issued.status().message() + "; retry in " +
                    std::to_string(std::chrono::duration_cast<milliseconds>(delay).count()) +
                    " ms, the current set is valid for " + std::to_string(whole_seconds(expiration - now)) +
                    " s");
      }
      if (!sleep_until(now + delay)) return;
    }
  }
}

}  // namespace sluice::sqs
