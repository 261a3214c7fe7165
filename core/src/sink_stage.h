// The sink end of a pipeline: writes surviving rows to the sink, routes
// rejected rows to the dead-letter sink, and settles rows as the sinks
// report them durable. Runs on one thread (the sink thread).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "arrow_batch.h"
#include "health.h"
#include "in_flight.h"

namespace sluice::core {

struct Rejection {
  BatchRef batch;
  int64_t row = 0;  // source row
  std::string step;
  std::string reason;
};

// One source batch on its way through the pipeline.
struct WorkItem {
  BatchRef batch;
  ArrowBatch rows;              // the rows still alive
  std::vector<int64_t> origin;  // rows[i] derives from source row origin[i]
  std::vector<Rejection> rejections;
};

class SinkStage {
 public:
  SinkStage(InFlightTable& table, PluginInstance& sink, PluginInstance* dead_letter, Health& health);
  SinkStage(const SinkStage&) = delete;
  SinkStage& operator=(const SinkStage&) = delete;

  Status write(WorkItem item);
  // Flushes the sink, then the dead-letter sink (the sink's flush may have
  // rejected rows that must be dead-lettered).
  Status flush(bool force);
  bool has_unflushed() const { return !sink_writes_.empty() || !dead_letter_writes_.empty(); }

 private:
  struct PendingWrite {
    BatchRef batch;
    std::vector<int64_t> origin;
    std::vector<char> rejected;
  };
  struct DeadLetterEntry {
    BatchRef batch;
    int64_t row;
  };

  Status dead_letter(std::vector<Rejection> rejections);
  Status dead_letter_sink_rejects();
  void settle_rejected_without_dead_letter(const Rejection& r);

  static void on_sink_reject(void* ctx, uint64_t write_id, int64_t row, const char* reason);
  static void on_sink_committed(void* ctx, uint64_t write_id);
  static void on_dead_letter_reject(void* ctx, uint64_t write_id, int64_t row, const char* reason);
  static void on_dead_letter_committed(void* ctx, uint64_t write_id);

  InFlightTable& table_;
  PluginInstance& sink_;
  PluginInstance* dead_letter_;
  Health& health_;
  sluice_sink_reporter sink_reporter_{};
  sluice_sink_reporter dead_letter_reporter_{};
  std::unordered_map<uint64_t, PendingWrite> sink_writes_;
  std::unordered_map<uint64_t, std::vector<DeadLetterEntry>> dead_letter_writes_;
  std::vector<Rejection> sink_rejects_;  // collected while the sink reports
  uint64_t next_write_id_ = 1;
  uint64_t next_dead_letter_id_ = 1;
};

}  // namespace sluice::core
