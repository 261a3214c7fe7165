#include "file_source.hpp"

#include "fake_host.hpp"
#include "temp_file.hpp"

#include <gtest/gtest.h>

namespace sluice_std {
namespace {

using sluice_std_test::FakeHost;
using sluice_std_test::TempFile;

sluice::Config config_for(const std::string& path, int batch_size) {
  return sluice::Config(
      nlohmann::json{{"path", path}, {"batch_size", batch_size}});
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
  EXPECT_EQ(a.column("message_id").string(0), file.path() + ":1");

  sluice::Next second = source.next(std::chrono::milliseconds(0));
  ASSERT_EQ(second.state, sluice::Next::State::ready);
  EXPECT_NE(second.batch_id, first.batch_id);
  const sluice::BatchView b = second.batch.view();
  ASSERT_EQ(b.num_rows(), 1);
  EXPECT_EQ(b.column("body").string(0), "last without newline");
  EXPECT_EQ(b.column("message_id").string(0), file.path() + ":4");

  EXPECT_EQ(source.next(std::chrono::milliseconds(0)).state,
            sluice::Next::State::end);
  EXPECT_EQ(source.next(std::chrono::milliseconds(0)).state,
            sluice::Next::State::end);
  EXPECT_EQ(host.counter("lines_read"), 4);
}

TEST(FileSource, EmptyFileEndsAtOnce) {
  TempFile file("source_empty.txt");
  file.write("");
  FileSource source(sluice::Host(), config_for(file.path(), 10));
  EXPECT_EQ(source.next(std::chrono::milliseconds(0)).state,
            sluice::Next::State::end);
}

TEST(FileSource, MissingFileIsAConfigErrorNamingThePath) {
  try {
    FileSource source(sluice::Host(), config_for("/nonexistent/in.ndjson", 1));
    FAIL() << "expected ConfigError";
  } catch (const sluice::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/in.ndjson"),
              std::string::npos);
  }
}

TEST(FileSource, BatchSizeMustBePositive) {
  TempFile file("source_bs.txt");
  file.write("x\n");
  EXPECT_THROW(FileSource(sluice::Host(), config_for(file.path(), 0)),
               sluice::ConfigError);
}

TEST(FileSource, AckWarnsOnceAboutUndeliverableRowsAndSummarises) {
  TempFile file("source_ack.txt");
  file.write("a\nb\nc\n");
  FakeHost host;
  {
    FileSource source(sluice::Host(host.get()), config_for(file.path(), 3));
    sluice::Next n = source.next(std::chrono::milliseconds(0));
    const int8_t outcomes[3] = {SLUICE_ROW_DONE, SLUICE_ROW_REJECTED,
                                SLUICE_ROW_DEAD_LETTERED};
    source.ack(n.batch_id, outcomes);
    source.ack(n.batch_id + 1, outcomes);
    EXPECT_EQ(host.lines().size(), 1u);
  }
  const auto lines = host.lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[1].find("2 done, 2 dead-lettered, 2 rejected, 0 failed"),
            std::string::npos)
      << lines[1];
}

}  // namespace
}  // namespace sluice_std
