// Received messages as the Arrow batch the source hands to the host:
// message_id and body (utf8), sent_timestamp (timestamp, UTC),
// receive_count (int64); the last two are null when SQS did not say.
#pragma once

#include <vector>

#include <sluice/plugin.hpp>

#include "sqs_model.h"

namespace sluice::sqs {

sluice::OwnedBatch to_batch(const std::vector<Message>& messages);

}  // namespace sluice::sqs
