#include "file_sink.h"

#include "ndjson_encoder.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sluice::standard {

FileSink::FileSink(const sluice::Host& host, const sluice::Config& config)
    : host_(host), path_(config.require<std::string>("path")), fsync_(config.require<bool>("fsync")) {
  if (path_ == "-") {
    file_ = stdout;
    return;
  }
  file_ = std::fopen(path_.c_str(), "a");
  if (file_ == nullptr) {
    throw sluice::ConfigError("file sink: cannot open " + path_ + " for appending: " + std::strerror(errno));
  }
  owns_file_ = true;
}

FileSink::~FileSink() {
  if (owns_file_) {
    std::fclose(file_);
  } else {
    std::fflush(file_);
  }
}

void FileSink::write(sluice::OwnedBatch batch, uint64_t write_id, sluice::Reporter& reporter) {
  const sluice::BatchView view = batch.view();
  const NdjsonEncoder encoder(view);
  buffer_.clear();
  for (int64_t row = 0; row < view.num_rows(); ++row) {
    encoder.append_row(buffer_, row);
  }
  write_out(buffer_);
  make_durable();
  reporter.committed(write_id);
}

void FileSink::write_out(const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
    fail("write to");
  }
  if (std::fflush(file_) != 0) fail("flush");
}

// fsync on a pipe or terminal (stdout) is meaningless and fails with
// EINVAL; only a file can be made durable.
void FileSink::make_durable() {
  if (!fsync_) return;
  if (::fsync(::fileno(file_)) != 0 && errno != EINVAL) fail("fsync");
}

void FileSink::fail(const char* action) const {
  throw sluice::UnavailableError("file sink: cannot " + std::string(action) + " " + path_ + ": " +
                                 std::strerror(errno));
}

}  // namespace sluice::standard
