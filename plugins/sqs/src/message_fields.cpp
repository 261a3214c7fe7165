#include "message_fields.h"

#include <charconv>
#include <string>

#include <sluice/support/utf8.hpp>

namespace sluice::sqs {

std::optional<std::int64_t> parse_attribute_integer(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || text.front() == '-' || ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

Status check_received_message(const Message& message, std::size_t index) {
  auto which = "message " + std::to_string(index);
  if (message.message_id.empty()) return make_error(ErrorKind::kMalformed, which + " has no MessageId");
  if (message.receipt_handle.empty())
    return make_error(ErrorKind::kMalformed, which + " has no ReceiptHandle");
  if (!support::is_valid_utf8(message.body))
    return make_error(ErrorKind::kMalformed, which + " has a body that is not UTF-8");
  return Status::success();
}

}  // namespace sluice::sqs
