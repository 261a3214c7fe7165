// Feeds one reply body to every decoder of an SQS protocol, as the network
// might deliver it to any of them, and checks what the source relies on:
// each received message has an id, a receipt handle (else it could never be
// deleted) and a UTF-8 body (it becomes an Arrow utf8 value).
#pragma once

#include "fuzz_support.h"
#include "sqs_protocol.h"

#include <string_view>

#include <sluice/support/utf8.hpp>

namespace sluice::fuzz {

inline void check_received(const sluice::sqs::Result<std::vector<sluice::sqs::Message>>& messages) {
  if (!messages.ok()) {
    FUZZ_CHECK(sluice::sqs::error_kind(messages.status()) == sluice::sqs::ErrorKind::kMalformed);
    FUZZ_CHECK(!messages.status().message().empty());
    return;
  }
  for (const sluice::sqs::Message& message : *messages) {
    FUZZ_CHECK(!message.message_id.empty());
    FUZZ_CHECK(!message.receipt_handle.empty());
    FUZZ_CHECK(sluice::support::is_valid_utf8(message.body));
    if (message.receive_count) FUZZ_CHECK(*message.receive_count >= 0);
  }
}

inline void decode_every_reply(const sluice::sqs::SqsProtocol& protocol, std::string_view body) {
  using sluice::sqs::SqsAction;
  check_received(protocol.decode_receive(body));
  (void)protocol.decode_batch(SqsAction::kDeleteMessageBatch, body);
  (void)protocol.decode_batch(SqsAction::kChangeMessageVisibilityBatch, body);
  (void)protocol.decode_queue_attributes(body);
  const sluice::sqs::HttpResponse error_reply{
      400, {{"x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender"}}, std::string(body)};
  (void)protocol.decode_error(error_reply);
}

}  // namespace sluice::fuzz
