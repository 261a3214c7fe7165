#include "signals.h"

#include <csignal>
#include <ctime>

#include "log.h"

namespace sluice::core {

SignalWatcher::SignalWatcher(std::function<void()> on_first, std::function<void()> on_second) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  thread_ = std::thread([this, set, on_first = std::move(on_first), on_second = std::move(on_second)] {
    int received = 0;
    timespec poll{0, 100 * 1000 * 1000};
    while (!done_.load()) {
      int sig = sigtimedwait(&set, nullptr, &poll);
      if (sig <= 0) continue;
      ++received;
      log_info("host", std::string("received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM"));
      if (received == 1)
        on_first();
      else
        on_second();
    }
  });
}

SignalWatcher::~SignalWatcher() {
  done_ = true;
  thread_.join();
}

}  // namespace sluice::core
