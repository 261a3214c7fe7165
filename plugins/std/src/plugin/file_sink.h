// The `file` sink: appends one JSON object per row (NDJSON) to a file or to
// stdout, and reports each write committed once it has reached the
// operating system (and the disk, with `fsync: true`).
#pragma once

#include <sluice/plugin.hpp>

#include <cstdio>
#include <string>

namespace sluice::standard {

class FileSink final : public sluice::Sink {
 public:
  static constexpr sluice::PluginInfo info{
      .name = "file",
      .version = "1.0.0",
      .description = "Appends rows as newline-delimited JSON to a file or stdout",
      .config_schema = R"({
  "type": "object",
  "properties": {
    "path": {"type": "string", "description": "File to append to; - for stdout"},
    "fsync": {"type": "boolean", "default": false,
              "description": "fsync after each write before reporting it committed"}
  },
  "required": ["path"],
  "additionalProperties": false
})"};

  FileSink(const sluice::Host& host, const sluice::Config& config);
  ~FileSink() override;
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;

  void write(sluice::OwnedBatch batch, uint64_t write_id, sluice::Reporter& reporter) override;

  // The option as parsed (tests compare it with the schema's default).
  bool fsync() const { return fsync_; }

 private:
  void write_out(const std::string& text);
  void make_durable();
  [[noreturn]] void fail(const char* action) const;

  sluice::Host host_;
  std::string path_;
  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  bool fsync_ = false;
  std::string buffer_;  // reused across writes
};

}  // namespace sluice::standard
