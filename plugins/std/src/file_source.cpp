#include "file_source.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace sluice_std {

FileSource::FileSource(const sluice::Host& host, const sluice::Config& config)
    : host_(host),
      path_(config.require<std::string>("path")),
      batch_size_(config.int64("batch_size", 1000)) {
  if (batch_size_ < 1) {
    throw sluice::ConfigError("option 'batch_size' must be at least 1");
  }
  if (path_ == "-") {
    fd_ = STDIN_FILENO;
    id_prefix_ = "stdin:";
  } else {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      throw sluice::ConfigError("file source: cannot open " + path_ + ": " +
                                std::strerror(errno));
    }
    owns_fd_ = true;
    id_prefix_ = path_ + ":";
  }
  reader_ = LineReader(fd_);
}

FileSource::~FileSource() {
  log_summary();
  if (owns_fd_) ::close(fd_);
}

sluice::Next FileSource::next(std::chrono::milliseconds timeout) {
  if (ended_) return sluice::Next::end();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  sluice::Utf8Builder body;
  sluice::Int64Builder line_number;
  sluice::Utf8Builder message_id;
  body.reserve(batch_size_);
  line_number.reserve(batch_size_);
  message_id.reserve(batch_size_);
  int64_t rows = 0;
  std::string_view line;
  LineReader::Result got = LineReader::Result::kLine;
  while (rows < batch_size_ && (got = reader_.next(line, deadline)) == LineReader::Result::kLine) {
    ++lines_read_;
    ++rows;
    body.append(line);
    line_number.append(lines_read_);
    message_id.append(id_prefix_ + std::to_string(lines_read_));
  }
  ended_ = got == LineReader::Result::kEnd;
  if (rows == 0) return ended_ ? sluice::Next::end() : sluice::Next::empty();
  host_.count("lines_read", static_cast<double>(rows));
  return sluice::Next::ready(sluice::BatchBuilder(rows)
                                 .add("body", body)
                                 .add("line", line_number)
                                 .add("message_id", message_id)
                                 .finish(),
                             next_batch_id_++);
}

void FileSource::ack(uint64_t, std::span<const int8_t> outcomes) {
  int64_t undeliverable = 0;
  std::lock_guard lock(ack_mutex_);
  for (int8_t outcome : outcomes) {
    if (outcome >= 0 && outcome < 4) ++outcome_counts_[outcome];
    if (outcome == SLUICE_ROW_REJECTED || outcome == SLUICE_ROW_FAILED) {
      ++undeliverable;
    }
  }
  if (undeliverable > 0 && !warned_undeliverable_) {
    warned_undeliverable_ = true;
    host_.warn("rows were rejected or failed and a file cannot redeliver "
               "them; configure a dead_letter sink to keep them (counts at "
               "shutdown)");
  }
}

void FileSource::log_summary() const {
  std::lock_guard lock(ack_mutex_);
  const auto& c = outcome_counts_;
  const std::string summary =
      "read " + std::to_string(lines_read_) + " lines from " + path_ + ": " +
      std::to_string(c[SLUICE_ROW_DONE]) + " done, " +
      std::to_string(c[SLUICE_ROW_DEAD_LETTERED]) + " dead-lettered, " +
      std::to_string(c[SLUICE_ROW_REJECTED]) + " rejected, " +
      std::to_string(c[SLUICE_ROW_FAILED]) + " failed";
  if (c[SLUICE_ROW_REJECTED] + c[SLUICE_ROW_FAILED] > 0) {
    host_.warn(summary);
  } else {
    host_.info(summary);
  }
}

}  // namespace sluice_std

