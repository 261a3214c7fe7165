// Source batches taken and not yet acknowledged. Each keeps one outcome per
// row; when the last row settles the batch is acknowledged to the source,
// exactly once, and its rows stop counting against the in-flight limit.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "plugin_instance.h"
#include "row_texts.h"

namespace sluice::core {

constexpr int8_t kRowPending = -1;

struct InFlightBatch {
  uint64_t key = 0;              // the host's own sequence number
  uint64_t source_batch_id = 0;  // what the source called it
  std::vector<int8_t> outcomes;  // SLUICE_ROW_* or kRowPending
  int64_t pending = 0;
  // What the dead-letter sink needs to identify and replay a row.
  RowTexts message_ids;
  RowTexts bodies;
  std::chrono::steady_clock::time_point received_at;
};

using BatchRef = std::shared_ptr<InFlightBatch>;

class InFlightTable {
 public:
  InFlightTable(PluginInstance& source, int64_t max_rows) : source_(source), max_rows_(max_rows) {}

  BatchRef register_batch(uint64_t source_batch_id, int64_t rows);

  // Acknowledges at once a batch of no rows, which a source may give to say
  // "nothing yet, but not exhausted" (plugin.h); it never counts as in flight.
  void acknowledge_empty(uint64_t source_batch_id);

  // Records `outcome` for `row` (ignored if the row already settled) and
  // acknowledges the batch to the source when it was the last one.
  void settle(const BatchRef& batch, int64_t row, int8_t outcome);

  // Settles every pending row of every batch as `outcome` (failure path).
  void settle_all(int8_t outcome);

  // Whether a batch of `rows` more fits under the limit. A batch larger than
  // the limit alone fits when nothing else is in flight, or it never would.
  bool has_room_for(int64_t rows) const;

  // Blocks until a batch of `rows` fits (has_room_for); without `rows`, one as
  // large as the largest registered so far, so that taking the next batch
  // cannot overshoot the limit. Returns false if `stop` became true
  // meanwhile. Sets blocked() while waiting.
  bool wait_for_room(const std::atomic<bool>& stop, std::optional<int64_t> rows = std::nullopt);
  void wake() { room_.notify_all(); }

  int64_t rows() const;
  size_t batches() const;
  bool blocked() const { return blocked_.load(); }

 private:
  void acknowledge(const InFlightBatch& batch);
  bool has_room_for_locked(int64_t rows) const;

  PluginInstance& source_;
  const int64_t max_rows_;
  mutable std::mutex mutex_;
  std::condition_variable room_;
  std::map<uint64_t, BatchRef> batches_;
  int64_t rows_ = 0;
  int64_t largest_batch_ = 1;  // the size the next batch is assumed to have
  uint64_t next_key_ = 1;
  std::atomic<bool> blocked_{false};
  // Acknowledgements may come from the transform thread (dropped rows) and
  // the sink thread; the ABI allows only one call into the source at once
  // besides `next`.
  std::mutex ack_mutex_;
};

}  // namespace sluice::core
