// Turns what went wrong talking to SQS into an Error a user can act on:
// which kind (retry or not), and a message that names the queue URL or
// endpoint and says what to check.
#pragma once

#include <string_view>

#include "error_kind.h"
#include "sqs_model.h"

namespace sluice::sqs {

// An error reply (any non-2xx with or without an AWS error body).
Status describe_error_reply(const AwsErrorReply& reply, SqsAction action, std::string_view queue_url);

// No HTTP reply at all; `detail` is the transport's own explanation.
Status describe_transport_failure(std::string_view detail, SqsAction action, std::string_view endpoint);

// A 2xx reply we could not read.
Status describe_malformed_reply(const Status& cause, SqsAction action, std::string_view endpoint);

}  // namespace sluice::sqs
