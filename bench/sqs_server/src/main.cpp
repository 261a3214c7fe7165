// A fast SQS server for benchmarks: see bench/sqs_server/README.md.
#include <cstdio>
#include <iostream>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "action_counters.h"
#include "listener.h"
#include "queue_registry.h"
#include "server_options.h"
#include "sqs_service.h"

int main(int argc, char** argv) {
  using namespace sqs_server;
  std::string error;
  auto options = parse_server_options(argc, argv, error);
  if (!options) {
    std::cerr << "sqs_server: " << error << "\n";
    return 2;
  }
  boost::asio::io_context io(options->threads);
  std::shared_ptr<Listener> listener;
  try {
    listener = std::make_shared<Listener>(io, options->port);
  } catch (const std::exception& e) {
    std::cerr << "sqs_server: cannot listen on 127.0.0.1:" << options->port << ": " << e.what() << "\n";
    return 1;
  }
  // Queue URLs name the port actually bound (--port 0 picks a free one).
  QueueRegistry queues("http://127.0.0.1:" + std::to_string(listener->port()));
  ActionCounters counters;
  SqsService service(queues, counters);
  ServerContext context{service, counters, options->latency};
  listener->start(context);

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code, int) {
    std::cerr << "sqs_server stats " << counters.to_json() << std::endl;
    io.stop();
  });

  std::cout << "sqs_server ready " << queues.endpoint() << std::endl;
  std::vector<std::thread> threads;
  for (int i = 1; i < options->threads; ++i) threads.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& thread : threads) thread.join();
  return 0;
}
