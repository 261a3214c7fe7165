#include "server_options.h"

#include <charconv>
#include <string_view>

namespace sqs_server {
namespace {

constexpr char kUsage[] = "usage: sqs_server --port PORT [--latency-ms MS] [--threads N]";

bool parse_int(std::string_view text, long min, long max, long& value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && value >= min && value <= max;
}

}  // namespace

std::optional<ServerOptions> parse_server_options(int argc, char** argv, std::string& error) {
  ServerOptions options;
  bool have_port = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view name = argv[i];
    if (i + 1 >= argc) {
      error = std::string(name) + " needs a value\n" + kUsage;
      return std::nullopt;
    }
    std::string_view text = argv[++i];
    long value = 0;
    bool ok = false;
    if (name == "--port") {
      ok = parse_int(text, 0, 65535, value);
      options.port = static_cast<unsigned short>(value);
      have_port = ok;
    } else if (name == "--latency-ms") {
      ok = parse_int(text, 0, 600000, value);
      options.latency = std::chrono::milliseconds(value);
    } else if (name == "--threads") {
      ok = parse_int(text, 1, 256, value);
      options.threads = static_cast<int>(value);
    } else {
      error = "unknown option " + std::string(name) + "\n" + kUsage;
      return std::nullopt;
    }
    if (!ok) {
      error = "bad value for " + std::string(name) + ": " + std::string(text) + "\n" + kUsage;
      return std::nullopt;
    }
  }
  if (!have_port) {
    error = std::string("--port is required (0 for any free port)\n") + kUsage;
    return std::nullopt;
  }
  return options;
}

}  // namespace sqs_server
