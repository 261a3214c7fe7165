#include "line_reader.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <string>

namespace sluice::standard {
namespace {

constexpr size_t kReadChunk = 64 * 1024;

}  // namespace

support::Result<LineReader::Outcome> LineReader::next(std::string_view& line,
                                                      std::chrono::steady_clock::time_point deadline) {
  bool read_once = false;
  while (true) {
    Outcome outcome = Outcome::kLine;
    if (take_line(line, &outcome)) return outcome;
    if (eof_) return take_last_line(line);
    if (read_once && std::chrono::steady_clock::now() >= deadline) return Outcome::kTimeout;
    bool timed_out = false;
    SLUICE_ASSIGN_OR_RETURN(const bool filled, fill(deadline, &timed_out));
    if (filled) {
      read_once = true;
    } else if (timed_out) {
      return Outcome::kTimeout;
    }
  }
}

// A complete line in the buffer, if any. Scans only bytes not scanned
// before; when the pending part of a line outgrows the limit, drops it.
bool LineReader::take_line(std::string_view& line, Outcome* outcome) {
  size_t newline = buffer_.find('\n', start_ + scanned_);
  if (newline == std::string::npos) {
    scanned_ = buffer_.size() - start_;
    // +1: a line of exactly the limit may still be followed by its "\r".
    if (skipping_ || (scanned_ > max_line_bytes_ && scanned_ - max_line_bytes_ > 1)) skip_pending();
    return false;
  }
  *outcome = finish_line(line, newline, newline + 1);
  return true;
}

LineReader::Outcome LineReader::take_last_line(std::string_view& line) {
  if (start_ == buffer_.size() && !skipping_) return Outcome::kEnd;
  return finish_line(line, buffer_.size(), buffer_.size());
}

// The line from start_ to `end` (exclusive, before any "\n"); the next one
// starts at `next_start`.
LineReader::Outcome LineReader::finish_line(std::string_view& line, size_t end, size_t next_start) {
  line = std::string_view(buffer_).substr(start_, end - start_);
  start_ = next_start;
  scanned_ = 0;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (skipping_ || line.size() > max_line_bytes_) {
    too_long_bytes_ = skipped_bytes_ + line.size();
    skipping_ = false;
    skipped_bytes_ = 0;
    line = {};
    return Outcome::kTooLong;
  }
  return Outcome::kLine;
}

// Forgets the pending bytes of a line that is already too long, counting them.
void LineReader::skip_pending() {
  skipping_ = true;
  skipped_bytes_ += buffer_.size() - start_;
  buffer_.resize(start_);
  scanned_ = 0;
}

// Reads what is available, waiting until `deadline` at most. Returns true
// when bytes (or end of input) arrived.
support::Result<bool> LineReader::fill(std::chrono::steady_clock::time_point deadline, bool* timed_out) {
  // Compact: the returned lines are no longer needed once we read more.
  if (start_ > 0) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  auto remaining =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  pollfd p{fd_, POLLIN, 0};
  int ready = ::poll(&p, 1, static_cast<int>(std::clamp<int64_t>(remaining.count(), 0, 60'000)));
  if (ready == 0) {
    *timed_out = std::chrono::steady_clock::now() >= deadline;
    return false;
  }
  if (ready < 0) {
    if (errno == EINTR) return false;
    return support::unavailable_error(std::string("file source: poll failed: ") + std::strerror(errno));
  }
  size_t old_size = buffer_.size();
  buffer_.resize(old_size + kReadChunk);
  ssize_t n = ::read(fd_, buffer_.data() + old_size, kReadChunk);
  if (n < 0) {
    buffer_.resize(old_size);
    if (errno == EINTR || errno == EAGAIN) return false;
    return support::unavailable_error(std::string("file source: read failed: ") + std::strerror(errno));
  }
  buffer_.resize(old_size + static_cast<size_t>(n));
  if (n == 0) eof_ = true;
  return true;
}

}  // namespace sluice::standard
