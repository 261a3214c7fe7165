#include "listener.h"

#include <boost/asio/strand.hpp>

namespace sqs_server {
namespace net = boost::asio;
using net::ip::tcp;

Listener::Listener(net::io_context& io, unsigned short port) : io_(io), acceptor_(net::make_strand(io)) {
  tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections);
}

void Listener::start(ServerContext& context) {
  context_ = &context;
  accept();
}

void Listener::accept() {
  acceptor_.async_accept(net::make_strand(io_),
                         [self = shared_from_this()](boost::beast::error_code ec, tcp::socket socket) {
                           if (!ec) {
                             socket.set_option(tcp::no_delay(true));
                             std::make_shared<HttpSession>(std::move(socket), *self->context_)->start();
                           }
                           if (self->acceptor_.is_open()) self->accept();
                         });
}

}  // namespace sqs_server
