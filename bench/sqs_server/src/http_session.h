// One client connection: reads HTTP/1.1 requests one after another
// (keep-alive), hands each to the SqsService, and writes its reply after
// --latency-ms on a timer, so a held reply blocks no thread. A receive that
// waits (long polling) sleeps on a timer woken by the queue when messages
// may have come, or when an in-flight message reappears. All of a
// session's handlers run on its strand.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "action_counters.h"
#include "sqs_service.h"

namespace sqs_server {

struct ServerContext {
  SqsService& service;
  ActionCounters& counters;
  std::chrono::milliseconds latency{0};
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket socket, ServerContext& context);
  void start();

 private:
  void read();
  void on_read(boost::beast::error_code ec);
  void dispatch();
  void wait_for_messages();
  void respond(Reply reply);
  void respond_text(unsigned status, std::string body, const char* content_type);
  void write();
  void on_write(boost::beast::error_code ec, bool close);

  boost::beast::tcp_stream stream_;
  ServerContext& context_;
  boost::beast::flat_buffer buffer_;
  boost::beast::http::request<boost::beast::http::string_body> request_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  boost::asio::steady_timer poll_timer_;
  boost::asio::steady_timer latency_timer_;
  std::optional<PendingReceive> pending_;
  std::uint64_t waiter_id_ = 0;
};

}  // namespace sqs_server
