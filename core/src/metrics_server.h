// The HTTP endpoint for --metrics-addr: GET /metrics (Prometheus text) and
// GET /health (200 while `health` says so, 503 with the reason otherwise);
// any other path is 404. Built on Boost.Beast/Asio, on one thread of its
// own: connections are served concurrently, each request must arrive whole
// within kRequestDeadline (however it is split into packets), and at most
// kMaxConnections are open at once; beyond that the oldest still waiting
// for its request is closed, so idle or slow clients cannot starve a probe.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "health.h"
#include "status.h"

namespace sluice::core {

class MetricsServer {
 public:
  static constexpr std::chrono::seconds kRequestDeadline{10};
  static constexpr size_t kMaxConnections = 256;

  // `health` must outlive the server.
  static Result<std::unique_ptr<MetricsServer>> start(const std::string& host_port, const Health& health);
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  int port() const;

 private:
  class Impl;
  explicit MetricsServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice::core
