// Rows accepted from writes but not yet committed, already encoded as COPY
// text lines in one contiguous buffer, so that any run of them can be sent
// as it is (and resent after a reconnect, or in halves while isolating a
// row the server refuses).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace sluice::postgres {

// Where a row came from: which write call, which row of its batch.
struct RowOrigin {
  uint64_t write_id;
  int64_t row;
};

class PendingRows {
 public:
  // Encoding a row: append its fields to buffer() after begin_row(), then
  // either end_row() to keep it or drop_row() to forget it.
  std::string& buffer() { return data_; }
  void begin_row() { row_start_ = data_.size(); }
  void end_row(RowOrigin origin);
  void drop_row() { data_.resize(row_start_); }

  // exactly_once: keeps the row with its message id, unless that id is
  // already pending (a message delivered twice into one flush is written
  // once): then drops it and returns false.
  bool end_row_with_message_id(RowOrigin origin, std::string_view message_id);

  // Every write id received since the last clear, in order, including writes
  // none of whose rows are pending (they must still be reported committed).
  void add_write(uint64_t write_id) { writes_.push_back(write_id); }
  const std::vector<uint64_t>& writes() const { return writes_; }

  size_t row_count() const { return origins_.size(); }
  bool empty() const { return writes_.empty(); }
  RowOrigin origin(size_t row) const { return origins_[row]; }
  // Lines [first, last) with their terminators, ready for COPY.
  std::string_view lines(size_t first, size_t last) const;
  // exactly_once: the message id of each row as a COPY field with a
  // terminator, for rows [first, last).
  std::string_view message_id_lines(size_t first, size_t last) const;
  std::string_view line(size_t row) const { return lines(row, row + 1); }
  std::string_view message_id_line(size_t row) const { return message_id_lines(row, row + 1); }

  void clear();

 private:
  static std::string_view slice(const std::string& data, const std::vector<size_t>& starts, size_t first,
                                size_t last);

  std::string data_;
  std::vector<size_t> line_starts_;
  std::string message_id_data_;
  std::vector<size_t> message_id_starts_;
  std::vector<RowOrigin> origins_;
  std::vector<uint64_t> writes_;
  std::unordered_set<std::string> message_ids_;
  size_t row_start_ = 0;
};

}  // namespace sluice::postgres
