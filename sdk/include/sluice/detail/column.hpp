// sluice/detail/column.hpp — Column: an owned, named Arrow array, and the
// copy of its kept rows used to remove rejected rows from a batch.
#ifndef SLUICE_DETAIL_COLUMN_HPP
#define SLUICE_DETAIL_COLUMN_HPP

#include <sluice/detail/arrow_memory.hpp>
#include <sluice/detail/column_view.hpp>
#include <sluice/detail/errors.hpp>

#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace sluice {

class Column {
 public:
  Column(Field field, OwnedArray array) : field_(std::move(field)), array_(std::move(array)) {}

  const std::string& name() const noexcept { return field_.name; }
  const std::string& format() const noexcept { return field_.format; }
  const Field& field() const noexcept { return field_; }
  void rename(std::string name) { field_.name = std::move(name); }
  int64_t length() const noexcept { return array_.get().length; }

  ColumnView view() const { return ColumnView(field_.name, field_.format, &array_.get()); }

  // Exports the array into `out` (caller-provided); the column's array is
  // left empty.
  void release_array_into(ArrowArray* out) noexcept { array_.release_into(out); }

  // A copy holding only the rows whose `removed[i]` is 0, in order.
  // Throws InternalError for a type the SDK cannot copy.
  Column without_rows(std::span<const uint8_t> removed, int64_t kept) const;

 private:
  Field field_;
  OwnedArray array_;
};

namespace detail {

// Width in bytes of a fixed-width Arrow format, if it is one.
inline std::optional<int> fixed_width(std::string_view f) {
  if (f == "c" || f == "C") return 1;
  if (f == "s" || f == "S" || f == "e") return 2;
  if (f == "i" || f == "I" || f == "f" || f == "tdD" || f == "tts" || f == "ttm") return 4;
  if (f == "l" || f == "L" || f == "g" || f == "tdm" || f == "ttu" || f == "ttn") return 8;
  if (f.substr(0, 2) == "ts" || f.substr(0, 2) == "tD") return 8;
  return std::nullopt;
}

// The validity bitmap of the kept rows, or an empty vector when no kept row
// is null. Counts the nulls into `null_count`.
inline std::vector<uint8_t> kept_validity(const ColumnView& in, std::span<const uint8_t> removed,
                                          int64_t kept, int64_t& null_count) {
  null_count = 0;
  if (!in.may_have_nulls()) return {};
  std::vector<uint8_t> validity(static_cast<size_t>(bits::bytes_for(kept)), 0);
  int64_t j = 0;
  for (int64_t i = 0; i < in.length(); ++i) {
    if (removed[i]) continue;
    const bool valid = !in.is_null(i);
    bits::set(validity.data(), j++, valid);
    if (!valid) ++null_count;
  }
  if (null_count == 0) return {};
  return validity;
}

inline std::vector<uint8_t> kept_fixed_width(const ColumnView& in, std::span<const uint8_t> removed,
                                             int64_t kept, int width) {
  std::vector<uint8_t> out(static_cast<size_t>(kept * width));
  const auto* src = static_cast<const uint8_t*>(in.array().buffers[1]) + in.offset() * width;
  uint8_t* dst = out.data();
  for (int64_t i = 0; i < in.length(); ++i) {
    if (removed[i]) continue;
    std::memcpy(dst, src + i * width, static_cast<size_t>(width));
    dst += width;
  }
  return out;
}

inline std::vector<uint8_t> kept_bits(const ColumnView& in, std::span<const uint8_t> removed, int64_t kept) {
  std::vector<uint8_t> out(static_cast<size_t>(bits::bytes_for(kept)), 0);
  const void* src = in.array().buffers[1];
  int64_t j = 0;
  for (int64_t i = 0; i < in.length(); ++i) {
    if (removed[i]) continue;
    bits::set(out.data(), j++, bits::get(src, in.offset() + i));
  }
  return out;
}

// Variable-size binary/utf8 with offsets of type Offset ("u"/"z": int32,
// "U"/"Z": int64).
template <class Offset>
void kept_variable(const ColumnView& in, std::span<const uint8_t> removed, int64_t kept,
                   ArrayStorage& storage) {
  const auto* offsets = static_cast<const Offset*>(in.array().buffers[1]) + in.offset();
  const auto* data = static_cast<const char*>(in.array().buffers[2]);
  std::vector<Offset> out_offsets;
  out_offsets.reserve(static_cast<size_t>(kept + 1));
  out_offsets.push_back(0);
  std::vector<char> out_data;
  for (int64_t i = 0; i < in.length(); ++i) {
    if (removed[i]) continue;
    out_data.insert(out_data.end(), data + offsets[i], data + offsets[i + 1]);
    out_offsets.push_back(static_cast<Offset>(out_data.size()));
  }
  storage.buffers.push_back(keep(storage, std::move(out_offsets)));
  storage.buffers.push_back(keep(storage, std::move(out_data)));
}

}  // namespace detail

inline Column Column::without_rows(std::span<const uint8_t> removed, int64_t kept) const {
  const ColumnView in = view();
  if (static_cast<int64_t>(removed.size()) != in.length()) {
    throw InternalError("row mask length differs from column '" + name() + "' length");
  }
  auto storage = std::make_unique<detail::ArrayStorage>();
  int64_t null_count = 0;
  auto validity = detail::kept_validity(in, removed, kept, null_count);
  storage->buffers.push_back(validity.empty() ? nullptr : detail::keep(*storage, std::move(validity)));
  const std::string& f = format();
  if (auto width = detail::fixed_width(f)) {
    storage->buffers.push_back(detail::keep(*storage, detail::kept_fixed_width(in, removed, kept, *width)));
  } else if (f == "b") {
    storage->buffers.push_back(detail::keep(*storage, detail::kept_bits(in, removed, kept)));
  } else if (f == "u" || f == "z") {
    detail::kept_variable<int32_t>(in, removed, kept, *storage);
  } else if (f == "U" || f == "Z") {
    detail::kept_variable<int64_t>(in, removed, kept, *storage);
  } else {
    throw InternalError("cannot remove rows from column '" + name() + "' of type '" + f + "'");
  }
  return Column(field_, detail::make_array(std::move(storage), kept, null_count));
}

}  // namespace sluice

#endif  // SLUICE_DETAIL_COLUMN_HPP
