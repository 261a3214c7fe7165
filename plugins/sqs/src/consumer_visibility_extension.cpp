// The consumer's visibility extension: ChangeMessageVisibilityBatch for every
// held message whose visibility timeout is about to run out, renewing it for
// as long again, so that a slow pipeline does not see its messages delivered
// twice.
#include "consumer.h"

#include <map>

namespace sluice::sqs {
namespace {

// After a failed extension, wait this long before trying that message again.
constexpr std::chrono::seconds kExtensionRetryDelay{1};

}  // namespace

void Consumer::send_visibility_extensions(Clock::time_point now) {
  for (auto batch = ledger_.take_due_extensions(now, kMaxBatchEntries); !batch.empty();
       batch = ledger_.take_due_extensions(now, kMaxBatchEntries)) {
    sqs_->change_visibility_batch(batch, [this, batch, now](Result<BatchResult> result) {
      on_visibility_extended(batch, now, std::move(result));
    });
  }
}

void Consumer::on_visibility_extended(const std::vector<BatchEntry>& batch, Clock::time_point sent_at,
                                      Result<BatchResult> result) {
  auto retry_at = clock_() + kExtensionRetryDelay;
  if (!result.ok()) {
    log(support::LogLevel::kWarn, "could not extend the visibility of " + plural(batch.size(), "message") +
                                      ": " + result.status().message());
    for (const auto& entry : batch) ledger_.extension_failed(entry.receipt_handle, retry_at, false);
    return;
  }
  std::map<std::string, const BatchEntry*> by_id;
  for (const auto& entry : batch) by_id[entry.id] = &entry;
  for (const auto& id : result->succeeded_ids) {
    if (auto it = by_id.find(id); it != by_id.end()) {
      ledger_.extension_succeeded(it->second->receipt_handle, sent_at, it->second->visibility_timeout);
    }
  }
  count("visibility_extensions", static_cast<double>(result->succeeded_ids.size()));
  for (const auto& failure : result->failed) {
    auto it = by_id.find(failure.id);
    if (it == by_id.end()) continue;
    const auto* message_id = ledger_.message_id(it->second->receipt_handle);
    log(support::LogLevel::kWarn, "could not extend the visibility of message " +
                                      (message_id ? *message_id : "?") + " (" + failure.code +
                                      "); it may be delivered again");
    ledger_.extension_failed(it->second->receipt_handle, retry_at, failure.sender_fault);
  }
}

}  // namespace sluice::sqs
