#include "reference_options.h"

#include <charconv>
#include <cstdio>
#include <string_view>

namespace sqs_reference {
namespace {

constexpr const char* kUsage =
    "usage: sqs_reference --queue-url URL [--endpoint URL] [--concurrency N]\n"
    "                     [--wait-time-seconds S] [--expect N] [--idle-receives N]\n"
    "Drains the queue (ReceiveMessage 10 + DeleteMessageBatch on N threads) and\n"
    "prints one JSON line: messages, seconds, messages_per_second.\n";

std::optional<ReferenceOptions> fail(const std::string& reason) {
  std::fprintf(stderr, "sqs_reference: %s\n%s", reason.c_str(), kUsage);
  return std::nullopt;
}

bool parse_number(std::string_view text, long long min, long long& out) {
  long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min) return false;
  out = value;
  return true;
}

// "http://127.0.0.1:4566/000000000000/q" -> "http://127.0.0.1:4566"
std::string endpoint_of(const std::string& queue_url) {
  size_t scheme_end = queue_url.find("://");
  if (scheme_end == std::string::npos) return {};
  size_t path_start = queue_url.find('/', scheme_end + 3);
  return queue_url.substr(0, path_start);
}

}  // namespace

std::optional<ReferenceOptions> parse_options(int argc, char** argv) {
  ReferenceOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (flag == "--help" || flag == "-h") return fail("help");
    if (i + 1 >= argc) return fail("missing value after " + std::string(flag));
    std::string_view value = argv[++i];
    long long number = 0;
    if (flag == "--queue-url") {
      options.queue_url = value;
    } else if (flag == "--endpoint") {
      options.endpoint = value;
    } else if (flag == "--concurrency" && parse_number(value, 1, number)) {
      options.concurrency = static_cast<int>(number);
    } else if (flag == "--wait-time-seconds" && parse_number(value, 0, number) && number <= 20) {
      options.wait_time_seconds = static_cast<int>(number);
    } else if (flag == "--expect" && parse_number(value, 0, number)) {
      options.expected = number;
    } else if (flag == "--idle-receives" && parse_number(value, 1, number)) {
      options.idle_receives = static_cast<int>(number);
    } else {
      return fail("bad option " + std::string(flag) + " " + std::string(value));
    }
  }
  if (options.queue_url.empty()) return fail("--queue-url is required");
  if (options.endpoint.empty()) options.endpoint = endpoint_of(options.queue_url);
  if (options.endpoint.empty()) return fail("cannot tell the endpoint from --queue-url; give --endpoint");
  return options;
}

}  // namespace sqs_reference
