#include "line_reader.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <sluice/plugin.hpp>

namespace sluice_std {
namespace {

constexpr size_t kReadChunk = 64 * 1024;

}  // namespace

LineReader::Result LineReader::next(std::string_view& line, std::chrono::steady_clock::time_point deadline) {
  bool read_once = false;
  while (true) {
    Result result = Result::kLine;
    if (take_line(line, &result)) return result;
    if (eof_) return take_last_line(line);
    if (read_once && std::chrono::steady_clock::now() >= deadline) return Result::kTimeout;
    bool timed_out = false;
    if (fill(deadline, &timed_out)) {
      read_once = true;
    } else if (timed_out) {
      return Result::kTimeout;
    }
  }
}

// A complete line in the buffer, if any. Scans only bytes not scanned
// before; when the pending part of a line outgrows the limit, drops it.
bool LineReader::take_line(std::string_view& line, Result* result) {
  size_t newline = buffer_.find('\n', start_ + scanned_);
  if (newline == std::string::npos) {
    scanned_ = buffer_.size() - start_;
    // +1: a line of exactly the limit may still be followed by its "\r".
    if (skipping_ || (scanned_ > max_line_bytes_ && scanned_ - max_line_bytes_ > 1)) skip_pending();
    return false;
  }
  *result = finish_line(line, newline, newline + 1);
  return true;
}

LineReader::Result LineReader::take_last_line(std::string_view& line) {
  if (start_ == buffer_.size() && !skipping_) return Result::kEnd;
  return finish_line(line, buffer_.size(), buffer_.size());
}

// The line from start_ to `end` (exclusive, before any "\n"); the next one
// starts at `next_start`.
LineReader::Result LineReader::finish_line(std::string_view& line, size_t end, size_t next_start) {
  line = std::string_view(buffer_).substr(start_, end - start_);
  start_ = next_start;
  scanned_ = 0;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (skipping_ || line.size() > max_line_bytes_) {
    too_long_bytes_ = skipped_bytes_ + line.size();
    skipping_ = false;
    skipped_bytes_ = 0;
    line = {};
    return Result::kTooLong;
  }
  return Result::kLine;
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
bool LineReader::fill(std::chrono::steady_clock::time_point deadline, bool* timed_out) {
  // Compact: the returned lines are no longer needed once we read more.
  if (start_ > 0) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  pollfd p{fd_, POLLIN, 0};
  int ready = ::poll(&p, 1, static_cast<int>(std::clamp<int64_t>(remaining.count(), 0, 60'000)));
  if (ready == 0) {
    *timed_out = std::chrono::steady_clock::now() >= deadline;
    return false;
  }
  if (ready < 0) {
    if (errno == EINTR) return false;
    throw sluice::UnavailableError(std::string("file source: poll failed: ") + std::strerror(errno));
  }
  size_t old_size = buffer_.size();
  buffer_.resize(old_size + kReadChunk);
  ssize_t n = ::read(fd_, buffer_.data() + old_size, kReadChunk);
  if (n < 0) {
    buffer_.resize(old_size);
    if (errno == EINTR || errno == EAGAIN) return false;
    throw sluice::UnavailableError(std::string("file source: read failed: ") + std::strerror(errno));
  }
  buffer_.resize(old_size + static_cast<size_t>(n));
  if (n == 0) eof_ = true;
  return true;
}

}  // namespace sluice_std
