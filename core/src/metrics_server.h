// A minimal HTTP endpoint for --metrics-addr: GET /metrics (Prometheus
// text) and GET /health (200 while healthy, 503 otherwise).
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "status.h"

namespace sluice::core {

class MetricsServer {
 public:
  static Result<std::unique_ptr<MetricsServer>> Start(const std::string& host_port);
  ~MetricsServer();

  void SetHealthy(bool healthy) { healthy_ = healthy; }
  int port() const { return port_; }

 private:
  MetricsServer(int fd, int port);
  void Serve();
  void Answer(int client);

  int fd_;
  int port_;
  std::atomic<bool> healthy_{true};
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace sluice::core
