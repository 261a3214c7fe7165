#include "line_reader.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <string>

namespace sluice_std {
namespace {

using std::chrono::steady_clock;

// A pipe whose write end the test controls, as a producer feeding stdin.
class Pipe {
 public:
  Pipe() { EXPECT_EQ(::pipe(fds_), 0); }
  ~Pipe() {
    close_writer();
    ::close(fds_[0]);
  }
  int reader() const { return fds_[0]; }
  void write(const std::string& text) {
    ASSERT_EQ(::write(fds_[1], text.data(), text.size()),
              static_cast<ssize_t>(text.size()));
  }
  void close_writer() {
    if (fds_[1] >= 0) ::close(fds_[1]);
    fds_[1] = -1;
  }

 private:
  int fds_[2] = {-1, -1};
};

TEST(LineReader, ReturnsCompleteLinesAndTimesOutOnAPartialOne) {
  Pipe pipe;
  LineReader reader(pipe.reader());
  pipe.write("first\r\nsecond\npart");
  std::string_view line;
  const auto now = steady_clock::now();
  ASSERT_EQ(reader.next(line, now), LineReader::Result::kLine);
  EXPECT_EQ(line, "first");
  ASSERT_EQ(reader.next(line, now), LineReader::Result::kLine);
  EXPECT_EQ(line, "second");
  EXPECT_EQ(reader.next(line, steady_clock::now()), LineReader::Result::kTimeout);
  pipe.write("ial\n");
  ASSERT_EQ(reader.next(line, steady_clock::now()), LineReader::Result::kLine);
  EXPECT_EQ(line, "partial");
}

TEST(LineReader, LastLineWithoutNewlineCountsThenEnds) {
  Pipe pipe;
  LineReader reader(pipe.reader());
  pipe.write("only");
  pipe.close_writer();
  std::string_view line;
  const auto later = steady_clock::now() + std::chrono::seconds(5);
  ASSERT_EQ(reader.next(line, later), LineReader::Result::kLine);
  EXPECT_EQ(line, "only");
  EXPECT_EQ(reader.next(line, later), LineReader::Result::kEnd);
}

TEST(LineReader, LinesLongerThanOneReadArriveWhole) {
  Pipe pipe;
  LineReader reader(pipe.reader());
  const std::string big(200 * 1024, 'x');
  // Written by a second thread: the pipe holds less than the line.
  std::thread writer([&] {
    pipe.write(big + "\n");
    pipe.close_writer();
  });
  std::string_view line;
  const auto later = steady_clock::now() + std::chrono::seconds(30);
  ASSERT_EQ(reader.next(line, later), LineReader::Result::kLine);
  EXPECT_EQ(line.size(), big.size());
  EXPECT_EQ(reader.next(line, later), LineReader::Result::kEnd);
  writer.join();
}

}  // namespace
}  // namespace sluice_std
