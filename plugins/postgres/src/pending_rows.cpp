#include "pending_rows.h"

#include "copy_text.h"

namespace sluice::postgres {

void PendingRows::end_row(RowOrigin origin) {
  data_.push_back(kCopyRowTerminator);
  line_starts_.push_back(row_start_);
  origins_.push_back(origin);
}

bool PendingRows::end_row_with_message_id(RowOrigin origin, std::string_view message_id) {
  if (!message_ids_.emplace(message_id).second) {
    drop_row();
    return false;
  }
  message_id_starts_.push_back(message_id_data_.size());
  append_copy_escaped(message_id_data_, message_id);
  message_id_data_.push_back(kCopyRowTerminator);
  end_row(origin);
  return true;
}

std::string_view PendingRows::slice(const std::string& data, const std::vector<size_t>& starts, size_t first,
                                    size_t last) {
  size_t begin = first < starts.size() ? starts[first] : data.size();
  size_t end = last < starts.size() ? starts[last] : data.size();
  return std::string_view(data).substr(begin, end - begin);
}

std::string_view PendingRows::lines(size_t first, size_t last) const {
  return slice(data_, line_starts_, first, last);
}

std::string_view PendingRows::message_id_lines(size_t first, size_t last) const {
  return slice(message_id_data_, message_id_starts_, first, last);
}

void PendingRows::clear() {
  data_.clear();
  line_starts_.clear();
  message_id_data_.clear();
  message_id_starts_.clear();
  origins_.clear();
  writes_.clear();
  message_ids_.clear();
  row_start_ = 0;
}

}  // namespace sluice::postgres
