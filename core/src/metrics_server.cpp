#include "metrics_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "log.h"
#include "metrics.h"

namespace sluice::core {
namespace {

Result<int> Listen(const std::string& host, const std::string& port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return Status::Usage("--metrics-addr: cannot resolve '" + host + "': " + gai_strerror(rc));
  }
  int fd = -1;
  for (addrinfo* a = found; a != nullptr && fd < 0; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, a->ai_addr, a->ai_addrlen) != 0 || listen(fd, 16) != 0) {
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(found);
  if (fd < 0) return Status::Runtime("--metrics-addr: cannot listen on " + host + ":" + port + ": " + std::strerror(errno));
  return fd;
}

int BoundPort(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
  return ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
}

void SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<size_t>(n);
  }
}

std::string Response(int code, const char* reason, const std::string& content_type, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(code) + " " + reason + "\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace

Result<std::unique_ptr<MetricsServer>> MetricsServer::Start(const std::string& host_port, const Health& health) {
  size_t colon = host_port.rfind(':');
  if (colon == std::string::npos) return Status::Usage("--metrics-addr expects HOST:PORT, got '" + host_port + "'");
  std::string host = host_port.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  Result<int> fd = Listen(host, host_port.substr(colon + 1));
  if (!fd.ok()) return fd.status();
  std::unique_ptr<MetricsServer> server(new MetricsServer(*fd, BoundPort(*fd), health));
  LogInfo("host", "serving metrics on port " + std::to_string(server->port_) + " (/metrics, /health)");
  return server;
}

MetricsServer::MetricsServer(int fd, int port, const Health& health) : fd_(fd), port_(port), health_(health) {
  thread_ = std::thread([this] { Serve(); });
}

MetricsServer::~MetricsServer() {
  done_ = true;
  thread_.join();
  close(fd_);
}

void MetricsServer::Serve() {
  while (!done_.load()) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    int client = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    Answer(client);
    close(client);
  }
}

void MetricsServer::Answer(int client) {
  // Requests are tiny GETs; one read with a short timeout is enough.
  pollfd p{client, POLLIN, 0};
  if (poll(&p, 1, 1000) <= 0) return;
  char buf[2048];
  ssize_t n = recv(client, buf, sizeof buf - 1, 0);
  if (n <= 0) return;
  std::string request(buf, static_cast<size_t>(n));
  std::string path = request.substr(0, request.find('\r'));
  if (path.starts_with("GET /metrics")) {
    SendAll(client, Response(200, "OK", "text/plain; version=0.0.4", Metrics::Instance().RenderPrometheus()));
  } else if (path.starts_with("GET /health")) {
    HealthVerdict verdict = health_.Check();
    SendAll(client, verdict.healthy ? Response(200, "OK", "text/plain", "ok\n")
                                    : Response(503, "Service Unavailable", "text/plain",
                                               "unhealthy: " + verdict.reason + "\n"));
  } else {
    SendAll(client, Response(404, "Not Found", "text/plain", "try /metrics or /health\n"));
  }
}

}  // namespace sluice::core
