// The refresh rule and the background refresh, against a scripted provider
// that issues credentials living a fraction of a second.
#include "refreshing_credentials.h"

#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <thread>

namespace sluice::sqs {
namespace {

using namespace std::chrono_literals;
using SystemClock = std::chrono::system_clock;

// Issues "AKID<n>" sets living `life`, or fails while `failing` is set.
class ScriptedProvider final : public CredentialProvider {
 public:
  explicit ScriptedProvider(std::chrono::milliseconds life) : life_(life) {}
  std::string name() const override { return "the scripted provider"; }
  Result<IssuedCredentials> fetch() override {
    ++calls;
    if (failing) return make_error(ErrorKind::kNetwork, "STS is down");
    auto n = ++issued;
    return IssuedCredentials{{"AKID" + std::to_string(n), "secret" + std::to_string(n), "token"},
                             SystemClock::now() + life_};
  }
  std::atomic<int> calls{0};
  std::atomic<int> issued{0};
  std::atomic<bool> failing{false};

 private:
  std::chrono::milliseconds life_;
};

RefreshTiming fast_timing() { return RefreshTiming{5min, 20ms, 50ms}; }

template <typename Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds limit = 5s) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return predicate();
}

TEST(RefreshDue, FiveMinutesBeforeOrHalfTheRemainingLife) {
  auto now = SystemClock::now();
  EXPECT_EQ(refresh_due(now, now + 1h, 5min), now + 55min);
  EXPECT_EQ(refresh_due(now, now + 20s, 5min), now + 10s);
  EXPECT_EQ(refresh_due(now, now + 10min, 5min), now + 5min);
  EXPECT_GT(refresh_due(now, now - 1s, 5min), now);  // already expired: soon, not in a tight loop
}

TEST(RefreshingCredentials, LongTermKeysNeverChange) {
  auto provider = std::make_shared<ScriptedProvider>(1s);
  RefreshingCredentials credentials(provider, IssuedCredentials{{"AKIDSTATIC", "s"}, std::nullopt}, {});
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ((*credentials.current())->access_key_id, "AKIDSTATIC");
  EXPECT_EQ(provider->calls, 0);
}

TEST(RefreshingCredentials, ReplacesASetBeforeItExpiresAndRequestsKeepTheirOwn) {
  auto provider = std::make_shared<ScriptedProvider>(400ms);
  auto first = provider->fetch().value();
  std::vector<std::string> logs;
  std::mutex log_mutex;
  RefreshingCredentials credentials(
      provider, first,
      [&](support::LogLevel, const std::string& message) {
        std::lock_guard lock(log_mutex);
        logs.push_back(message);
      },
      {}, fast_timing());
  auto held = *credentials.current();
  EXPECT_EQ(held->access_key_id, "AKID1");
  ASSERT_TRUE(eventually([&] { return (*credentials.current())->access_key_id != "AKID1"; }));
  EXPECT_EQ(held->access_key_id, "AKID1");  // a request signed with the old set still has it
  // Keeps going past several lifetimes without ever handing out an expired set.
  auto until = SystemClock::now() + 1500ms;
  while (SystemClock::now() < until) {
    ASSERT_TRUE(credentials.current().ok()) << credentials.current().status().message();
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_GE(provider->issued, 4);
  std::lock_guard lock(log_mutex);
  ASSERT_FALSE(logs.empty());
  EXPECT_NE(logs.front().find("refreshed the AWS credentials from the scripted provider"), std::string::npos);
  for (const auto& line : logs) EXPECT_EQ(line.find("secret"), std::string::npos) << line;
}

TEST(RefreshingCredentials, AFailedRefreshIsRetriedWhileTheSetIsValid) {
  auto provider = std::make_shared<ScriptedProvider>(1000ms);
  auto first = provider->fetch().value();
  provider->failing = true;
  RefreshingCredentials credentials(provider, first, {}, {}, fast_timing());
  ASSERT_TRUE(eventually([&] { return provider->calls >= 3; }));
  EXPECT_EQ((*credentials.current())->access_key_id, "AKID1");
  provider->failing = false;
  ASSERT_TRUE(eventually([&] { return (*credentials.current())->access_key_id == "AKID2"; }));
}

TEST(RefreshingCredentials, AnExpiredSetWithNoReplacementFailsNamingTheProvider) {
  auto provider = std::make_shared<ScriptedProvider>(300ms);
  auto first = provider->fetch().value();
  provider->failing = true;
  RefreshingCredentials credentials(provider, first, {}, {}, fast_timing());
  ASSERT_TRUE(eventually([&] { return !credentials.current().ok(); }));
  auto error = credentials.current().status();
  EXPECT_EQ(error_kind(error), ErrorKind::kCredentialsExpired);
  EXPECT_NE(error.message().find("from the scripted provider expired"), std::string::npos) << error.message();
  EXPECT_NE(error.message().find("STS is down"), std::string::npos) << error.message();
}

}  // namespace
}  // namespace sluice::sqs
