#include "receipt_handle.h"

#include <charconv>
#include <cstdio>

namespace sqs_server {
namespace {

// "<tag>.<sequence>.<receive>" in hex: short, and cheap to parse.
template <typename Integer>
bool read_hex(std::string_view& text, Integer& value, bool last) {
  auto end = last ? text.size() : text.find('.');
  if (end == 0 || end == std::string_view::npos) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + end, value, 16);
  if (ec != std::errc() || ptr != text.data() + end) return false;
  text.remove_prefix(last ? end : end + 1);
  return true;
}

}  // namespace

std::string format_receipt_handle(const ReceiptHandle& handle) {
  char text[64];
  int n = std::snprintf(text, sizeof text, "%llx.%llx.%x", static_cast<unsigned long long>(handle.queue_tag),
                        static_cast<unsigned long long>(handle.sequence), handle.receive);
  return std::string(text, static_cast<std::size_t>(n));
}

std::optional<ReceiptHandle> parse_receipt_handle(std::string_view text) {
  ReceiptHandle handle;
  if (!read_hex(text, handle.queue_tag, false) || !read_hex(text, handle.sequence, false) ||
      !read_hex(text, handle.receive, true)) {
    return std::nullopt;
  }
  return handle;
}

}  // namespace sqs_server
