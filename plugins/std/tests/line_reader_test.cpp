#include "line_reader.h"

#include "temp_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

namespace sluice::standard {
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
    ASSERT_EQ(::write(fds_[1], text.data(), text.size()), static_cast<ssize_t>(text.size()));
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
  ASSERT_EQ(reader.next(line, now).value(), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "first");
  ASSERT_EQ(reader.next(line, now).value(), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "second");
  EXPECT_EQ(reader.next(line, steady_clock::now()).value(), LineReader::Outcome::kTimeout);
  pipe.write("ial\n");
  ASSERT_EQ(reader.next(line, steady_clock::now()).value(), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "partial");
}

TEST(LineReader, LastLineWithoutNewlineCountsThenEnds) {
  Pipe pipe;
  LineReader reader(pipe.reader());
  pipe.write("only");
  pipe.close_writer();
  std::string_view line;
  const auto later = steady_clock::now() + std::chrono::seconds(5);
  ASSERT_EQ(reader.next(line, later).value(), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "only");
  EXPECT_EQ(reader.next(line, later).value(), LineReader::Outcome::kEnd);
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
  ASSERT_EQ(reader.next(line, later).value(), LineReader::Outcome::kLine);
  EXPECT_EQ(line.size(), big.size());
  EXPECT_EQ(reader.next(line, later).value(), LineReader::Outcome::kEnd);
  writer.join();
}

TEST(LineReader, LinesOverTheLimitAreSkippedAndMeasured) {
  Pipe pipe;
  LineReader reader(pipe.reader(), 1000);
  const std::string huge(3 * 1024 * 1024, 'x');
  std::thread writer([&] {
    pipe.write(std::string(1000, 'a') + "\r\n" + std::string(1001, 'b') + "\n" + huge + "\nafter\n" +
               huge);  // the last one without a newline
    pipe.close_writer();
  });
  std::string_view line;
  const auto later = steady_clock::now() + std::chrono::seconds(30);
  ASSERT_EQ(reader.next(line, later).value(), LineReader::Outcome::kLine);
  EXPECT_EQ(line.size(), 1000u);  // exactly the limit passes
  ASSERT_EQ(reader.next(line, later).value(), LineReader::Outcome::kTooLong);
  EXPECT_EQ(reader.too_long_bytes(), 1001u);
  ASSERT_EQ(reader.next(line, later).value(), LineReader::Outcome::kTooLong);
  EXPECT_EQ(reader.too_long_bytes(), huge.size());
  ASSERT_EQ(reader.next(line, later).value(), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "after");
  ASSERT_EQ(reader.next(line, later).value(), LineReader::Outcome::kTooLong);
  EXPECT_EQ(reader.too_long_bytes(), huge.size());
  EXPECT_EQ(reader.next(line, later).value(), LineReader::Outcome::kEnd);
  writer.join();
}

// A regular file is always readable: the deadline still bounds each call,
// so a long line cannot hold the source (and SIGTERM) for its whole length.
TEST(LineReader, ALongLineInARegularFileYieldsAtTheDeadline) {
  sluice::standard::testing::TempFile file("line_reader_long.txt");
  file.write(std::string(8 * 1024 * 1024, 'x') + "\nnext\n");
  const int fd = ::open(file.path().c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  LineReader reader(fd, 1024);
  std::string_view line;
  EXPECT_EQ(reader.next(line, steady_clock::now()).value(), LineReader::Outcome::kTimeout);
  LineReader::Outcome got = LineReader::Outcome::kTimeout;
  int calls = 1;
  while ((got = reader.next(line, steady_clock::now()).value()) == LineReader::Outcome::kTimeout) ++calls;
  EXPECT_EQ(got, LineReader::Outcome::kTooLong);
  EXPECT_GT(calls, 10);  // one 64 KiB read per call at least
  ASSERT_EQ(reader.next(line, steady_clock::now()).value(), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "next");
  ::close(fd);
}

}  // namespace
}  // namespace sluice::standard
