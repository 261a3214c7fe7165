#include "file_source.h"

#include "fake_host.h"
#include "host_config.h"
#include "temp_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <vector>

namespace sluice::standard {
namespace {

using sluice::standard::testing::FakeHost;
using sluice::standard::testing::TempFile;

sluice::Config config_for(const std::string& path, int batch_size) {
  return testing::host_config<FileSource>(
      sluice::Config(nlohmann::json{{"path", path}, {"batch_size", batch_size}}));
}

TEST(FileSource, ReadsLinesInBatchesThenEnds) {
  TempFile file("source_lines.txt");
  file.write("first\nsecond\r\n\nlast without newline");
  FakeHost host;
  FileSource source(sluice::Host(host.get()), config_for(file.path(), 3));

  sluice::Next first = source.next(std::chrono::milliseconds(0));
  ASSERT_EQ(first.state, sluice::Next::State::ready);
  const sluice::BatchView a = first.batch.view();
  ASSERT_EQ(a.num_rows(), 3);
  EXPECT_EQ(a.column("body").string(0), "first");
  EXPECT_EQ(a.column("body").string(1), "second");
  EXPECT_EQ(a.column("body").string(2), "");
  EXPECT_EQ(a.column("line").int64(2), 3);
  EXPECT_EQ(a.column("message_id").string(0).substr(0, file.path().size() + 3), file.path() + ":1:");

  sluice::Next second = source.next(std::chrono::milliseconds(0));
  ASSERT_EQ(second.state, sluice::Next::State::ready);
  EXPECT_NE(second.batch_id, first.batch_id);
  const sluice::BatchView b = second.batch.view();
  ASSERT_EQ(b.num_rows(), 1);
  EXPECT_EQ(b.column("body").string(0), "last without newline");
  EXPECT_EQ(b.column("message_id").string(0).substr(0, file.path().size() + 3), file.path() + ":4:");

  EXPECT_EQ(source.next(std::chrono::milliseconds(0)).state, sluice::Next::State::end);
  EXPECT_EQ(source.next(std::chrono::milliseconds(0)).state, sluice::Next::State::end);
  EXPECT_EQ(host.counter("lines_read"), 4);
}

TEST(FileSource, EmptyFileEndsAtOnce) {
  TempFile file("source_empty.txt");
  file.write("");
  FileSource source(sluice::Host(), config_for(file.path(), 10));
  EXPECT_EQ(source.next(std::chrono::milliseconds(0)).state, sluice::Next::State::end);
}

TEST(FileSource, MissingFileIsAConfigErrorNamingThePath) {
  try {
    FileSource source(sluice::Host(), config_for("/nonexistent/in.ndjson", 1));
    FAIL() << "expected ConfigError";
  } catch (const sluice::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/in.ndjson"), std::string::npos);
  }
}

TEST(FileSource, BatchSizeMustBePositive) {
  TempFile file("source_bs.txt");
  file.write("x\n");
  EXPECT_THROW(FileSource(sluice::Host(), config_for(file.path(), 0)), sluice::ConfigError);
}

TEST(FileSource, AckWarnsOnceAboutUndeliverableRowsAndSummarises) {
  TempFile file("source_ack.txt");
  file.write("a\nb\nc\n");
  FakeHost host;
  {
    FileSource source(sluice::Host(host.get()), config_for(file.path(), 3));
    sluice::Next n = source.next(std::chrono::milliseconds(0));
    const int8_t outcomes[3] = {SLUICE_ROW_DONE, SLUICE_ROW_REJECTED, SLUICE_ROW_DEAD_LETTERED};
    source.ack(n.batch_id, outcomes);
    source.ack(n.batch_id + 1, outcomes);
    EXPECT_EQ(host.lines().size(), 1u);
  }
  const auto lines = host.lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[1].find("2 done, 2 dead-lettered, 2 rejected, 0 failed, 0 too long"), std::string::npos)
      << lines[1];
}

std::vector<std::string> message_ids_of(const std::string& path) {
  FileSource source(sluice::Host(), config_for(path, 100));
  sluice::Next n = source.next(std::chrono::milliseconds(1000));
  std::vector<std::string> ids;
  if (n.state != sluice::Next::State::ready) return ids;
  const sluice::BatchView v = n.batch.view();
  for (int64_t i = 0; i < v.num_rows(); ++i) ids.emplace_back(v.column("message_id").string(i));
  return ids;
}

// exactly_once keys the ledger by message id: the same file read again must
// give the same ids, a new file at the same path new ones (not "path:line").
TEST(FileSource, MessageIdsIdentifyTheContentNotJustThePosition) {
  TempFile file("source_ids.txt");
  file.write("{\"user\": 1}\n{\"user\": 2}\n");
  const std::vector<std::string> first = message_ids_of(file.path());
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(message_ids_of(file.path()), first);  // rerun, unchanged file
  EXPECT_NE(first[0], first[1]);

  file.write("{\"user\": 3}\n{\"user\": 2}\n{\"user\": 4}\n");  // a new file, same path
  const std::vector<std::string> second = message_ids_of(file.path());
  ASSERT_EQ(second.size(), 3u);
  EXPECT_NE(second[0], first[0]);
  EXPECT_EQ(second[1], first[1]);  // same line, same place: the same message
  EXPECT_EQ(second[0].rfind(file.path() + ":1:", 0), 0u) << second[0];
}

TEST(FileSource, LinesOverMaxLineBytesAreSkippedAndReportedByNumberAndLength) {
  TempFile file("source_long.txt");
  const std::string secret_line = "SECRET" + std::string(2000, 'x');
  file.write("short\n" + secret_line + "\nlast\n");
  FakeHost host;
  std::vector<std::string> bodies;
  std::vector<int64_t> numbers;
  {
    FileSource source(sluice::Host(host.get()),
                      testing::host_config<FileSource>(
                          sluice::Config(nlohmann::json{{"path", file.path()}, {"max_line_bytes", 100}})));
    sluice::Next n = source.next(std::chrono::milliseconds(1000));
    ASSERT_EQ(n.state, sluice::Next::State::ready);
    const sluice::BatchView v = n.batch.view();
    for (int64_t i = 0; i < v.num_rows(); ++i) {
      bodies.emplace_back(v.column("body").string(i));
      numbers.push_back(v.column("line").int64(i));
    }
  }
  EXPECT_EQ(bodies, (std::vector<std::string>{"short", "last"}));
  EXPECT_EQ(numbers, (std::vector<int64_t>{1, 3}));  // numbers stay true
  EXPECT_EQ(host.counter("lines_too_long"), 1);
  const auto lines = host.lines();
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines[0].find("line 2 of " + file.path() + " is 2006 bytes, more than max_line_bytes (100)"),
            std::string::npos)
      << lines[0];
  for (const std::string& line : lines) EXPECT_EQ(line.find("SECRET"), std::string::npos) << line;
}

TEST(FileSource, MaxLineBytesMustBePositive) {
  TempFile file("source_mlb.txt");
  file.write("x\n");
  EXPECT_THROW(FileSource(sluice::Host(), testing::host_config<FileSource>(sluice::Config(
                                              nlohmann::json{{"path", file.path()}, {"max_line_bytes", 0}}))),
               sluice::ConfigError);
}

// Under --drain a quiet pipe is not an empty source: only end of file is.
TEST(FileSource, DrainingAQuietPipeAnswersNoRowsRatherThanEmpty) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const std::string path = "/dev/fd/" + std::to_string(fds[0]);
  FakeHost draining;  // drain = 1
  FileSource source(sluice::Host(draining.get()), config_for(path, 10));
  sluice::Next quiet = source.next(std::chrono::milliseconds(50));
  ASSERT_EQ(quiet.state, sluice::Next::State::ready);
  EXPECT_EQ(quiet.batch.view().num_rows(), 0);
  source.ack(quiet.batch_id, {});
  ASSERT_EQ(::write(fds[1], "late\n", 5), 5);
  ::close(fds[1]);
  sluice::Next late = source.next(std::chrono::milliseconds(1000));
  ASSERT_EQ(late.state, sluice::Next::State::ready);
  ASSERT_EQ(late.batch.view().num_rows(), 1);
  EXPECT_EQ(late.batch.view().column("body").string(0), "late");
  EXPECT_EQ(source.next(std::chrono::milliseconds(1000)).state, sluice::Next::State::end);
  ::close(fds[0]);
}

}  // namespace
}  // namespace sluice::standard
