// A minimal HTTP endpoint for --metrics-addr: GET /metrics (Prometheus
// text) and GET /health (200 while `health` says so, 503 with the reason
// otherwise).
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "health.h"
#include "status.h"

namespace sluice::core {

class MetricsServer {
 public:
  // `health` must outlive the server.
  static Result<std::unique_ptr<MetricsServer>> Start(const std::string& host_port, const Health& health);
  ~MetricsServer();

  int port() const { return port_; }

 private:
  MetricsServer(int fd, int port, const Health& health);
  void Serve();
  void Answer(int client);

  int fd_;
  int port_;
  const Health& health_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace sluice::core
