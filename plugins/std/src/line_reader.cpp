#include "line_reader.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <sluice/plugin.hpp>

namespace sluice_std {
namespace {

constexpr size_t kReadChunk = 64 * 1024;

}  // namespace

LineReader::Result LineReader::next(std::string_view& line, std::chrono::steady_clock::time_point deadline) {
  while (true) {
    if (take_line(line)) return Result::kLine;
    if (eof_) {
      if (start_ == buffer_.size()) return Result::kEnd;
      line = std::string_view(buffer_).substr(start_);  // last line, no newline
      start_ = buffer_.size();
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      return Result::kLine;
    }
    bool timed_out = false;
    if (!fill(deadline, &timed_out) && timed_out) return Result::kTimeout;
  }
}

bool LineReader::take_line(std::string_view& line) {
  size_t newline = buffer_.find('\n', start_);
  if (newline == std::string::npos) return false;
  line = std::string_view(buffer_).substr(start_, newline - start_);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  start_ = newline + 1;
  return true;
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
  int ready = ::poll(&p, 1, static_cast<int>(std::max<int64_t>(0, remaining.count())));
  if (ready == 0) {
    *timed_out = true;
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
