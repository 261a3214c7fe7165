// The `file` source: one row per line of a file or stdin, so a file can
// stand in for a queue. Columns: `body` (the line without its line ending),
// `line` (1-based number) and `message_id` ("<path>:<line>:<hash>", "stdin:"
// for stdin, where <hash> is 16 hex digits of the line's FNV-1a 64 hash, so
// a new file at the same path is not taken for the old one). Reads
// `batch_size` lines per batch and skips lines over `max_line_bytes`, so
// memory stays bounded.
#pragma once

#include <sluice/plugin.hpp>

#include "line_reader.h"

#include <array>
#include <cstdio>
#include <mutex>
#include <string>

namespace sluice::standard {

class FileSource final : public sluice::Source {
 public:
  static constexpr sluice::PluginInfo info{.name = "file",
                                           .version = "1.0.0",
                                           .description = "Reads a file or stdin, one row per line",
                                           .config_schema = R"({
  "type": "object",
  "properties": {
    "path": {"type": "string", "description": "File to read; - for stdin"},
    "batch_size": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 1000,
                   "description": "Lines per batch"},
    "max_line_bytes": {"type": "integer", "minimum": 1, "maximum": 1073741824, "default": 1048576,
                       "description": "Longer lines are skipped and reported by number and length"}
  },
  "required": ["path"],
  "additionalProperties": false
})"};

  FileSource(const sluice::Host& host, const sluice::Config& config);
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  // Fills a batch of up to `batch_size` lines, with what was read within
  // `timeout`, so the host stays responsive (and honours SIGTERM) while a
  // pipe is quiet or a long line streams past. Nothing read is `empty`, or,
  // under --drain, a batch of no rows: the input is not exhausted before
  // end of file, however long the writer is silent.
  sluice::Next next(std::chrono::milliseconds timeout) override;

  // The options as parsed (tests compare them with the schema's defaults).
  int64_t batch_size() const { return batch_size_; }
  int64_t max_line_bytes() const { return max_line_bytes_; }

  // A file cannot take lines back, so acknowledgement is bookkeeping: rows
  // rejected or failed are counted and reported once.
  void ack(uint64_t batch_id, std::span<const int8_t> outcomes) override;

 private:
  void skip_too_long_line();
  void log_summary() const;

  sluice::Host host_;
  std::string path_;
  std::string id_prefix_;  // "<path>:"
  int64_t max_line_bytes_;
  int fd_ = -1;
  bool owns_fd_ = false;
  LineReader reader_{-1};
  int64_t batch_size_;
  int64_t lines_read_ = 0;  // line numbers given, skipped lines included
  int64_t lines_too_long_ = 0;
  uint64_t next_batch_id_ = 1;
  bool ended_ = false;

  mutable std::mutex ack_mutex_;             // ack() may run while next() does
  std::array<int64_t, 4> outcome_counts_{};  // by SLUICE_ROW_* value
  bool warned_undeliverable_ = false;
};

}  // namespace sluice::standard
