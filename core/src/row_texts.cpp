#include "row_texts.h"

#include "sluice/plugin.hpp"

namespace sluice::core {

RowTexts RowTexts::copy(const ArrowBatch& batch, std::string_view name) {
  RowTexts texts;
  if (!batch.valid()) return texts;
  BatchView view(batch.schema(), batch.array());
  const ColumnView* column = view.find(name);
  if (column == nullptr) return texts;
  const std::string_view format = column->format();
  texts.ends_.reserve(static_cast<size_t>(column->length()));
  texts.present_.reserve(static_cast<size_t>(column->length()));
  for (int64_t row = 0; row < column->length(); ++row) {
    if (column->is_null(row))
      texts.append_null();
    else if (format == "u")
      texts.append(column->string(row));
    else if (format == "l")
      texts.append(std::to_string(column->int64(row)));
    else if (format == "i")
      texts.append(std::to_string(column->int32(row)));
    else
      texts.append_null();  // the host only reads text and integer ids
  }
  return texts;
}

std::optional<std::string_view> RowTexts::at(int64_t row) const {
  if (row < 0 || row >= size() || !present_[row]) return std::nullopt;
  size_t begin = row == 0 ? 0 : ends_[row - 1];
  return std::string_view(text_).substr(begin, ends_[row] - begin);
}

void RowTexts::append_null() {
  ends_.push_back(text_.size());
  present_.push_back(false);
}

void RowTexts::append(std::string_view value) {
  text_.append(value);
  ends_.push_back(text_.size());
  present_.push_back(true);
}

}  // namespace sluice::core
