#include "http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

namespace sqs_server {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {

constexpr std::string_view kTargetPrefix = "AmazonSQS.";

}  // namespace

HttpSession::HttpSession(net::ip::tcp::socket socket, ServerContext& context)
    : stream_(std::move(socket)),
      context_(context),
      poll_timer_(stream_.get_executor()),
      latency_timer_(stream_.get_executor()) {}

void HttpSession::start() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
}

void HttpSession::read() {
  request_ = {};
  http::async_read(stream_, buffer_, request_,
                   [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void HttpSession::on_read(beast::error_code ec) {
  if (ec) {
    beast::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    return;  // closed by the client, or a request we cannot read
  }
  dispatch();
}

void HttpSession::dispatch() {
  if (request_.method() == http::verb::get &&
      std::string_view(request_.target().data(), request_.target().size()) == "/stats") {
    return respond_text(200, context_.counters.to_json(), "application/json");
  }
  auto header = request_["X-Amz-Target"];
  std::string_view target(header.data(), header.size());
  if (request_.method() != http::verb::post || target.substr(0, kTargetPrefix.size()) != kTargetPrefix) {
    return respond_text(400,
                        "{\"__type\":\"com.amazonaws.sqs#InvalidAction\",\"message\":\"only the AWS JSON 1.0 "
                        "protocol (POST, X-Amz-Target: AmazonSQS.<Action>) is served\"}",
                        "application/x-amz-json-1.0");
  }
  auto action = target.substr(kTargetPrefix.size());
  auto outcome = context_.service.handle(action, request_.body(), Clock::now());
  if (!outcome.waiting) return respond(std::move(outcome.reply));
  pending_ = std::move(outcome.waiting);
  wait_for_messages();
}

// The waiter is registered before looking, so a message sent in between
// still wakes us; a stale wake-up only makes us look once more.
void HttpSession::wait_for_messages() {
  auto& queue = *pending_->queue;
  waiter_id_ = queue.add_waiter([weak = weak_from_this()] {
    if (auto self = weak.lock()) {
      net::post(self->stream_.get_executor(), [self] { self->poll_timer_.cancel(); });
    }
  });
  if (auto reply = context_.service.retry_receive(*pending_, Clock::now())) {
    queue.remove_waiter(waiter_id_);
    pending_.reset();
    return respond(std::move(*reply));
  }
  auto wake_at = pending_->deadline;
  if (auto reappearance = queue.next_reappearance()) wake_at = std::min(wake_at, *reappearance);
  poll_timer_.expires_at(wake_at);
  poll_timer_.async_wait([self = shared_from_this()](beast::error_code) {
    self->pending_->queue->remove_waiter(self->waiter_id_);
    self->wait_for_messages();
  });
}

void HttpSession::respond(Reply reply) {
  if (!reply.query_error.empty()) response_.set("x-amzn-query-error", reply.query_error);
  respond_text(reply.status, std::move(reply.body), "application/x-amz-json-1.0");
}

void HttpSession::respond_text(unsigned status, std::string body, const char* content_type) {
  response_.result(status);
  response_.version(request_.version());
  response_.keep_alive(request_.keep_alive());
  response_.set(http::field::content_type, content_type);
  response_.body() = std::move(body);
  response_.prepare_payload();
  if (context_.latency.count() == 0) return write();
  latency_timer_.expires_after(context_.latency);
  latency_timer_.async_wait([self = shared_from_this()](beast::error_code) { self->write(); });
}

void HttpSession::write() {
  bool close = response_.need_eof();
  http::async_write(
      stream_, response_,
      [self = shared_from_this(), close](beast::error_code ec, std::size_t) { self->on_write(ec, close); });
}

void HttpSession::on_write(beast::error_code ec, bool close) {
  response_ = {};
  if (ec || close) {
    beast::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    return;
  }
  read();
}

}  // namespace sqs_server
