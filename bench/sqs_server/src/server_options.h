// sqs_server --port PORT [--latency-ms MS] [--threads N]
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace sqs_server {

struct ServerOptions {
  unsigned short port = 0;  // 0: any free port (printed when ready)
  std::chrono::milliseconds latency{0};
  int threads = 2;
};

// The options, or an error message (with the usage) in `error`.
std::optional<ServerOptions> parse_server_options(int argc, char** argv, std::string& error);

}  // namespace sqs_server
