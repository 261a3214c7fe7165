// Reads lines from a file descriptor with a deadline, so a source reading a
// pipe or stdin answers the host in time (and honours SIGTERM) instead of
// blocking until the writer sends a line. Lines longer than a limit are
// skipped as they stream past, so memory stays bounded by the limit, and
// each byte is scanned once, so reading is linear in the input.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <sluice/support/status.hpp>

namespace sluice::standard {

class LineReader {
 public:
  enum class Outcome { kLine, kTooLong, kTimeout, kEnd };

  explicit LineReader(int fd, size_t max_line_bytes = std::numeric_limits<size_t>::max())
      : fd_(fd), max_line_bytes_(max_line_bytes) {}

  // kLine: the next line without "\n" or "\r\n" (valid until the next call).
  // kTooLong: the next line was longer than `max_line_bytes`; it was skipped
  //   and too_long_bytes() says how long it was.
  // kEnd: end of input (a last line without a newline still counts).
  // kTimeout: no complete line before `deadline` (after one read at least,
  //   so a long line read from a regular file makes progress call by call).
  // A read error is a kUnavailable status.
  support::Result<Outcome> next(std::string_view& line, std::chrono::steady_clock::time_point deadline);

  uint64_t too_long_bytes() const { return too_long_bytes_; }

 private:
  bool take_line(std::string_view& line, Outcome* outcome);
  Outcome take_last_line(std::string_view& line);
  Outcome finish_line(std::string_view& line, size_t end, size_t next_start);
  void skip_pending();
  support::Result<bool> fill(std::chrono::steady_clock::time_point deadline, bool* timed_out);

  int fd_;
  size_t max_line_bytes_;
  std::string buffer_;
  size_t start_ = 0;             // first byte not yet returned
  size_t scanned_ = 0;           // bytes from start_ known to hold no newline
  bool skipping_ = false;        // the current line is too long: its bytes are dropped
  uint64_t skipped_bytes_ = 0;   // how many of them so far
  uint64_t too_long_bytes_ = 0;  // length of the last line reported kTooLong
  bool eof_ = false;
};

}  // namespace sluice::standard
