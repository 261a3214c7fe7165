#include "metrics_server.h"

#include <cstring>
#include <list>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "log.h"
#include "metrics.h"

namespace sluice::core {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// How long the server waits before accepting again after accept() failed.
constexpr auto kAcceptRetryPause = std::chrono::milliseconds(100);
// While accepting keeps failing, one warning per this interval, with a count.
constexpr auto kAcceptWarningInterval = std::chrono::seconds(10);

// Requests are small GETs: anything larger is not a probe or a scrape.
constexpr uint32_t kMaxRequestHeaderBytes = 8 * 1024;

http::response<http::string_body> reply(http::status status, const std::string& content_type,
                                        std::string body) {
  http::response<http::string_body> reply{status, 11};
  reply.set(http::field::content_type, content_type);
  reply.keep_alive(false);
  reply.body() = std::move(body);
  reply.prepare_payload();
  return reply;
}

// The path without its query string; paths match exactly.
std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const Health& health) : stream_(std::move(socket)), health_(health) {
    parser_.header_limit(kMaxRequestHeaderBytes);
    parser_.body_limit(0);
  }

  void start() {
    stream_.expires_after(MetricsServer::kRequestDeadline);
    http::async_read(stream_, buffer_, parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->on_request(ec); });
  }

  // Closes the connection if it is still waiting for its request.
  void close_if_waiting() {
    if (!answering_) close();
  }
  bool open() const { return stream_.socket().is_open(); }
  bool waiting() const { return !answering_; }

 private:
  void on_request(beast::error_code ec) {
    if (ec) {
      close();
      return;
    }
    answering_ = true;
    reply_ = answer(parser_.get());
    stream_.expires_after(MetricsServer::kRequestDeadline);
    http::async_write(stream_, reply_,
                      [self = shared_from_this()](beast::error_code, size_t) { self->close(); });
  }

  http::response<http::string_body> answer(const http::request<http::empty_body>& request) const {
    std::string_view path = path_of(std::string_view(request.target().data(), request.target().size()));
    if (path != "/metrics" && path != "/health") {
      return reply(http::status::not_found, "text/plain", "try /metrics or /health\n");
    }
    if (request.method() != http::verb::get) {
      auto response = reply(http::status::method_not_allowed, "text/plain", "only GET\n");
      response.set(http::field::allow, "GET");
      return response;
    }
    if (path == "/metrics") {
      return reply(http::status::ok, "text/plain; version=0.0.4", Metrics::instance().render_prometheus());
    }
    HealthVerdict verdict = health_.check();
    if (verdict.healthy) return reply(http::status::ok, "text/plain", "ok\n");
    return reply(http::status::service_unavailable, "text/plain", "unhealthy: " + verdict.reason + "\n");
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  const Health& health_;
  beast::flat_buffer buffer_{kMaxRequestHeaderBytes};
  http::request_parser<http::empty_body> parser_;
  http::response<http::string_body> reply_;
  bool answering_ = false;
};

Result<tcp::endpoint> resolve(asio::io_context& io, const std::string& host, const std::string& port) {
  tcp::resolver resolver(io);
  beast::error_code ec;
  auto found = resolver.resolve(host.empty() ? "0.0.0.0" : host, port,
                                tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || found.empty()) {
    return usage_error("--metrics-addr: cannot resolve '" + host + ":" + port + "': " + ec.message());
  }
  return found.begin()->endpoint();
}

}  // namespace

class MetricsServer::Impl {
 public:
  explicit Impl(const Health& health) : health_(health), acceptor_(io_) {}

  Status listen(const tcp::endpoint& endpoint, const std::string& what) {
    beast::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return runtime_error("--metrics-addr: cannot listen on " + what + ": " + ec.message());
    port_ = acceptor_.local_endpoint().port();
    return Status();
  }

  void run() {
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }

  ~Impl() {
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }

  int port() const { return port_; }

 private:
  void accept() {
    acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
      if (ec) return accept_later(ec);
      admit(std::move(socket));
      accept();
    });
  }

  // accept() fails while the process is out of descriptors (EMFILE,
  // ENFILE) and keeps failing at once while the connection waits in the
  // backlog: accepting again straight away would spin a core. Pause
  // briefly instead, and free a descriptor held by a client that has sent
  // nothing, so that a probe waiting in the backlog gets in.
  void accept_later(const beast::error_code& ec) {
    // strerror, not ec.message(): the latter's virtual call into Boost's
    // system category trips UBSan's vptr check in the sanitizer build.
    auto now = std::chrono::steady_clock::now();
    ++accept_failures_;
    if (now - last_accept_warning_ >= kAcceptWarningInterval) {
      log_warn("host", std::string("metrics server: accepting a connection failed (") +
                           std::strerror(ec.value()) + "), " + std::to_string(accept_failures_) +
                           " time(s) since the last warning; pausing " +
                           std::to_string(kAcceptRetryPause.count()) + " ms between attempts");
      last_accept_warning_ = now;
      accept_failures_ = 0;
    }
    evict_one_waiting();
    retry_timer_.expires_after(kAcceptRetryPause);
    retry_timer_.async_wait([this](beast::error_code waited) {
      if (waited != asio::error::operation_aborted) accept();
    });
  }

  void evict_one_waiting() {
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      auto session = it->lock();
      if (session && session->waiting()) {
        session->close_if_waiting();
        sessions_.erase(it);
        return;
      }
    }
  }

  // At the cap, the oldest connection still waiting for its request makes
  // way: a client that sends nothing loses its place, a probe does not.
  void admit(tcp::socket socket) {
    sessions_.remove_if([](const std::weak_ptr<Session>& s) {
      auto session = s.lock();
      return !session || !session->open();
    });
    if (sessions_.size() >= kMaxConnections) evict_one_waiting();
    auto session = std::make_shared<Session>(std::move(socket), health_);
    sessions_.push_back(session);
    session->start();
  }

  const Health& health_;
  asio::io_context io_{1};
  tcp::acceptor acceptor_;
  asio::steady_timer retry_timer_{io_};
  // Accept failures are warned about at most once per kAcceptWarningInterval.
  std::chrono::steady_clock::time_point last_accept_warning_{};
  int accept_failures_ = 0;
  std::list<std::weak_ptr<Session>> sessions_;  // only touched on the server's thread
  int port_ = 0;
  std::thread thread_;
};

Result<std::unique_ptr<MetricsServer>> MetricsServer::start(const std::string& host_port,
                                                            const Health& health) {
  size_t colon = host_port.rfind(':');
  if (colon == std::string::npos)
    return usage_error("--metrics-addr expects HOST:PORT, got '" + host_port + "'");
  std::string host = host_port.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  auto impl = std::make_unique<Impl>(health);
  asio::io_context resolving;
  SLUICE_ASSIGN_OR_RETURN(tcp::endpoint endpoint, resolve(resolving, host, host_port.substr(colon + 1)));
  SLUICE_TRY(impl->listen(endpoint, host + ":" + host_port.substr(colon + 1)));
  impl->run();
  std::unique_ptr<MetricsServer> server(new MetricsServer(std::move(impl)));
  log_info("host", "serving metrics on port " + std::to_string(server->port()) + " (/metrics, /health)");
  return server;
}

MetricsServer::MetricsServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
MetricsServer::~MetricsServer() = default;
int MetricsServer::port() const { return impl_->port(); }

}  // namespace sluice::core
