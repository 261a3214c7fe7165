// Accepts connections on 127.0.0.1 and gives each its own session, on its
// own strand of the shared io_context.
#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "http_session.h"

namespace sqs_server {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Throws boost::system::system_error when the port cannot be bound.
  Listener(boost::asio::io_context& io, unsigned short port);
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  // Accepts until the io_context stops; `context` must outlive it.
  void start(ServerContext& context);

 private:
  void accept();

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  ServerContext* context_ = nullptr;
};

}  // namespace sqs_server
