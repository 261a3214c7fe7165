#include "file_source.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

#include <sluice/support/hex.hpp>

namespace sluice::standard {
namespace {

// Only the first few skipped lines are logged one by one; the summary at
// shutdown and the `lines_too_long` counter give the rest.
constexpr int64_t kTooLongLinesLogged = 10;

// FNV-1a, 64 bits: fast, stable across runs and builds, and enough to tell
// one line's content from another's at the same path and line number.
std::string content_hash(std::string_view text) {
  uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) out[i] = support::kLowerHexDigits[hash & 0xf];
  return out;
}

}  // namespace

FileSource::FileSource(const sluice::Host& host, const sluice::Config& config)
    : host_(host),
      path_(config.require<std::string>("path")),
      max_line_bytes_(config.require<int64_t>("max_line_bytes")),
      batch_size_(config.require<int64_t>("batch_size")) {
  if (batch_size_ < 1) {
    throw sluice::ConfigError("option 'batch_size' must be at least 1");
  }
  if (max_line_bytes_ < 1) {
    throw sluice::ConfigError("option 'max_line_bytes' must be at least 1");
  }
  if (path_ == "-") {
    fd_ = STDIN_FILENO;
    id_prefix_ = "stdin:";
  } else {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      throw sluice::ConfigError("file source: cannot open " + path_ + ": " + std::strerror(errno));
    }
    owns_fd_ = true;
    id_prefix_ = path_ + ":";
  }
  reader_ = LineReader(fd_, static_cast<size_t>(max_line_bytes_));
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
  LineReader::Outcome got = LineReader::Outcome::kLine;
  while (rows < batch_size_) {
    got = sluice::value_or_throw(reader_.next(line, deadline));
    if (got == LineReader::Outcome::kTooLong) {
      skip_too_long_line();
      continue;
    }
    if (got != LineReader::Outcome::kLine) break;
    ++lines_read_;
    ++rows;
    body.append(line);
    line_number.append(lines_read_);
    message_id.append(id_prefix_ + std::to_string(lines_read_) + ":" + content_hash(line));
  }
  ended_ = got == LineReader::Outcome::kEnd;
  if (rows == 0 && ended_) return sluice::Next::end();
  if (rows == 0 && !host_.draining()) return sluice::Next::empty();
  host_.count("lines_read", static_cast<double>(rows));
  return sluice::Next::ready(sluice::BatchBuilder(rows)
                                 .add("body", body)
                                 .add("line", line_number)
                                 .add("message_id", message_id)
                                 .finish(),
                             next_batch_id_++);
}

// The line is gone (it was never held whole); what is left is its number
// and length, never its content.
void FileSource::skip_too_long_line() {
  ++lines_read_;
  ++lines_too_long_;
  host_.count("lines_too_long", 1);
  if (lines_too_long_ <= kTooLongLinesLogged) {
    host_.warn("line " + std::to_string(lines_read_) + " of " + path_ + " is " +
               std::to_string(reader_.too_long_bytes()) + " bytes, more than max_line_bytes (" +
               std::to_string(max_line_bytes_) + "); skipped" +
               (lines_too_long_ == kTooLongLinesLogged ? " (further ones are only counted)" : ""));
  }
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
    host_.warn(
        "rows were rejected or failed and a file cannot redeliver "
        "them; configure a dead_letter sink to keep them (counts at "
        "shutdown)");
  }
}

void FileSource::log_summary() const {
  std::lock_guard lock(ack_mutex_);
  const auto& c = outcome_counts_;
  const std::string summary = "read " + std::to_string(lines_read_) + " lines from " + path_ + ": " +
                              std::to_string(c[SLUICE_ROW_DONE]) + " done, " +
                              std::to_string(c[SLUICE_ROW_DEAD_LETTERED]) + " dead-lettered, " +
                              std::to_string(c[SLUICE_ROW_REJECTED]) + " rejected, " +
                              std::to_string(c[SLUICE_ROW_FAILED]) + " failed, " +
                              std::to_string(lines_too_long_) + " too long (skipped)";
  if (c[SLUICE_ROW_REJECTED] + c[SLUICE_ROW_FAILED] + lines_too_long_ > 0) {
    host_.warn(summary);
  } else {
    host_.info(summary);
  }
}

}  // namespace sluice::standard
