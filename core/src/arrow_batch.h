// The host's view of Arrow batches: ownership of one batch, and the few
// columns the host itself reads or writes (identifiers and payloads for the
// dead-letter sink, values for `sluice mask`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/plugin.h"

namespace sluice::core {

// Owns one struct batch (schema and array) and releases it once.
class ArrowBatch {
 public:
  ArrowBatch() = default;
  ~ArrowBatch() { reset(); }
  ArrowBatch(ArrowBatch&& other) noexcept { *this = std::move(other); }
  ArrowBatch& operator=(ArrowBatch&& other) noexcept;
  ArrowBatch(const ArrowBatch&) = delete;
  ArrowBatch& operator=(const ArrowBatch&) = delete;

  ArrowSchema* schema() { return &schema_; }
  ArrowArray* array() { return &array_; }
  const ArrowSchema* schema() const { return &schema_; }
  const ArrowArray* array() const { return &array_; }
  int64_t length() const { return array_.release ? array_.length : 0; }
  bool valid() const { return schema_.release != nullptr && array_.release != nullptr; }
  void reset();

 private:
  ArrowSchema schema_{};
  ArrowArray array_{};
};

// Copies the utf8 column `name` (ints are rendered as text). Returns an
// empty vector when the batch has no such column.
std::vector<std::optional<std::string>> copy_column_as_text(const ArrowBatch& batch, std::string_view name);

// Builds a batch of utf8 columns (and nullable values).
struct TextColumn {
  std::string name;
  std::vector<std::optional<std::string>> values;
};
ArrowBatch make_text_batch(const std::vector<TextColumn>& columns, int64_t rows);

// One row for the dead-letter sink.
struct DeadLetterRow {
  std::string step;
  std::string reason;
  std::optional<std::string> message_id;
  std::optional<std::string> body;
  int64_t time_us = 0;
};
// Columns step, reason, message_id, body (utf8) and time (timestamp, UTC).
ArrowBatch make_dead_letter_batch(const std::vector<DeadLetterRow>& rows);

}  // namespace sluice::core
