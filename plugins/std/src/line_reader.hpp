// Reads lines from a file descriptor with a deadline, so a source reading a
// pipe or stdin answers the host in time (and honours SIGTERM) instead of
// blocking until the writer sends a line.
#ifndef SLUICE_STD_LINE_READER_HPP
#define SLUICE_STD_LINE_READER_HPP

#include <chrono>
#include <string>
#include <string_view>

namespace sluice_std {

class LineReader {
 public:
  enum class Result { kLine, kTimeout, kEnd };

  explicit LineReader(int fd) : fd_(fd) {}

  // The next line without "\n" or "\r\n" (valid until the next call), kEnd
  // at end of input (a last line without a newline still counts), kTimeout
  // when no complete line arrived before `deadline`. Throws
  // sluice::UnavailableError on a read error.
  Result next(std::string_view& line, std::chrono::steady_clock::time_point deadline);

 private:
  bool take_line(std::string_view& line);
  bool fill(std::chrono::steady_clock::time_point deadline, bool* timed_out);

  int fd_;
  std::string buffer_;
  size_t start_ = 0;  // first byte not yet returned
  bool eof_ = false;
};

}  // namespace sluice_std

#endif  // SLUICE_STD_LINE_READER_HPP
