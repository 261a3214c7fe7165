// Command line of sqs_reference.
#pragma once

#include <optional>
#include <string>

namespace sqs_reference {

struct ReferenceOptions {
  std::string queue_url;
  std::string endpoint;       // where requests go; default: scheme://host:port of queue_url
  int concurrency = 1;        // workers, each with one request in flight
  int wait_time_seconds = 1;  // long-poll wait of each receive
  long long expected = 0;     // stop once this many messages are deleted (0: until empty)
  int idle_receives = 3;      // a worker stops after this many empty receives in a row
};

// The options, or nullopt after printing the reason and the usage to stderr.
std::optional<ReferenceOptions> parse_options(int argc, char** argv);

}  // namespace sqs_reference
