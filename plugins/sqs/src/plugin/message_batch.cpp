#include "message_batch.h"

#include <limits>

namespace sluice::sqs {
namespace {

constexpr std::int64_t kMicrosPerMilli = 1000;

void append_timestamp(sluice::TimestampBuilder& column, const std::optional<std::int64_t>& millis) {
  if (!millis || *millis > std::numeric_limits<std::int64_t>::max() / kMicrosPerMilli) {
    column.append_null();
    return;
  }
  column.append(*millis * kMicrosPerMilli);
}

void append_count(sluice::Int64Builder& column, const std::optional<std::int64_t>& count) {
  if (count) {
    column.append(*count);
  } else {
    column.append_null();
  }
}

}  // namespace

sluice::OwnedBatch to_batch(const std::vector<Message>& messages) {
  auto rows = static_cast<std::int64_t>(messages.size());
  sluice::Utf8Builder ids;
  sluice::Utf8Builder bodies;
  sluice::TimestampBuilder sent;
  sluice::Int64Builder counts;
  ids.reserve(rows);
  bodies.reserve(rows);
  sent.reserve(rows);
  counts.reserve(rows);
  for (const auto& message : messages) {
    ids.append(message.message_id);
    bodies.append(message.body);
    append_timestamp(sent, message.sent_timestamp_ms);
    append_count(counts, message.receive_count);
  }
  return sluice::BatchBuilder(rows)
      .add("message_id", ids)
      .add("body", bodies)
      .add("sent_timestamp", sent)
      .add("receive_count", counts)
      .finish();
}

}  // namespace sluice::sqs
