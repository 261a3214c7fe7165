// sluice/detail/column_view.hpp — read-only access to Arrow columns and
// batches, honouring offsets and absent validity buffers.
#ifndef SLUICE_DETAIL_COLUMN_VIEW_HPP
#define SLUICE_DETAIL_COLUMN_VIEW_HPP

#include <sluice/plugin.h>
#include <sluice/detail/arrow_memory.hpp>
#include <sluice/detail/errors.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

// Arrow format strings of the column types the SDK builds and reads.
namespace format {
inline constexpr const char* utf8 = "u";
inline constexpr const char* int64 = "l";
inline constexpr const char* int32 = "i";
inline constexpr const char* float64 = "g";
inline constexpr const char* boolean = "b";
inline constexpr const char* date32 = "tdD";
inline constexpr const char* timestamp_us_utc = "tsu:UTC";

// True for any microsecond timestamp ("tsu:" followed by any time zone).
inline bool is_timestamp_us(std::string_view f) { return f.substr(0, 4) == "tsu:"; }
}  // namespace format

// One column: a borrowed ArrowArray plus its name and format. Cheap to copy;
// valid while the array it looks at lives.
class ColumnView {
 public:
  ColumnView() = default;
  // `extra_offset` is the parent struct's offset, which applies to children;
  // `length` is the parent's length.
  ColumnView(std::string_view name, std::string_view format, const ArrowArray* array, int64_t extra_offset,
             int64_t length)
      : name_(name), format_(format), array_(array), offset_(array->offset + extra_offset), length_(length) {}
  ColumnView(std::string_view name, std::string_view format, const ArrowArray* array)
      : ColumnView(name, format, array, 0, array->length) {}

  std::string_view name() const noexcept { return name_; }
  std::string_view format() const noexcept { return format_; }
  int64_t length() const noexcept { return length_; }
  const ArrowArray& array() const noexcept { return *array_; }
  // The logical offset of row 0 in this array's buffers.
  int64_t offset() const noexcept { return offset_; }

  bool may_have_nulls() const noexcept {
    return array_->null_count != 0 && array_->n_buffers > 0 && array_->buffers[0] != nullptr;
  }
  bool is_null(int64_t i) const noexcept {
    return may_have_nulls() && !bits::get(array_->buffers[0], offset_ + i);
  }

  // Typed accessors: each throws InternalError naming the column when the
  // column is of another type. A null row reads as an unspecified value.
  std::string_view string(int64_t i) const {
    expect_format(format::utf8);
    const auto* offsets = static_cast<const int32_t*>(array_->buffers[1]);
    const auto* data = static_cast<const char*>(array_->buffers[2]);
    const int32_t begin = offsets[offset_ + i];
    const int32_t end = offsets[offset_ + i + 1];
    return std::string_view(data + begin, static_cast<size_t>(end - begin));
  }
  int64_t int64(int64_t i) const {
    expect_format(format::int64);
    return value<int64_t>(i);
  }
  int32_t int32(int64_t i) const {
    expect_format(format::int32);
    return value<int32_t>(i);
  }
  double float64(int64_t i) const {
    expect_format(format::float64);
    return value<double>(i);
  }
  bool boolean(int64_t i) const {
    expect_format(format::boolean);
    return bits::get(array_->buffers[1], offset_ + i);
  }
  // Days since 1970-01-01.
  int32_t date32(int64_t i) const {
    expect_format(format::date32);
    return value<int32_t>(i);
  }
  // Microseconds since the epoch.
  int64_t timestamp_us(int64_t i) const {
    if (!format::is_timestamp_us(format_)) throw_wrong_type("tsu:UTC");
    return value<int64_t>(i);
  }

  // Throws InternalError naming the column unless its format is `expected`.
  void expect_format(std::string_view expected) const {
    if (format_ != expected) throw_wrong_type(expected);
  }

 private:
  template <class T>
  T value(int64_t i) const noexcept {
    T v;
    std::memcpy(
        &v, static_cast<const char*>(array_->buffers[1]) + (offset_ + i) * static_cast<int64_t>(sizeof(T)),
        sizeof(T));
    return v;
  }
  [[noreturn]] void throw_wrong_type(std::string_view expected) const {
    throw InternalError("column '" + std::string(name_) + "' has type '" + std::string(format_) +
                        "', expected '" + std::string(expected) + "'");
  }

  std::string_view name_;
  std::string_view format_;
  const ArrowArray* array_ = nullptr;
  int64_t offset_ = 0;
  int64_t length_ = 0;
};

// A record batch seen as named columns. Valid while the structures it looks
// at live and are not modified.
class BatchView {
 public:
  BatchView() = default;
  BatchView(int64_t num_rows, std::vector<ColumnView> columns)
      : num_rows_(num_rows), columns_(std::move(columns)) {}

  // A view of a struct batch as it crosses the ABI ("+s" schema). Checks
  // only the shape: the accessors trust the buffers, so a batch from another
  // process or library is first checked with validate_batch (the host does
  // for every batch a plugin returns, OwnedBatch::adopt for its input).
  BatchView(const ArrowSchema* schema, const ArrowArray* batch) : num_rows_(batch->length) {
    if (schema->format == nullptr || std::string_view(schema->format) != "+s") {
      throw InternalError("a batch must be a struct array (format '+s')");
    }
    if (schema->n_children != batch->n_children) {
      throw InternalError("batch schema and array disagree on column count");
    }
    for (int64_t i = 0; i < batch->n_children; ++i) {
      const ArrowSchema* field = schema->children[i];
      columns_.emplace_back(field->name ? field->name : "", field->format, batch->children[i], batch->offset,
                            batch->length);
    }
  }

  int64_t num_rows() const noexcept { return num_rows_; }
  int64_t num_columns() const noexcept { return static_cast<int64_t>(columns_.size()); }
  const std::vector<ColumnView>& columns() const noexcept { return columns_; }
  const ColumnView& column(int64_t i) const { return columns_.at(i); }

  // The column named `name`, or nullptr.
  const ColumnView* find(std::string_view name) const noexcept {
    for (const ColumnView& c : columns_) {
      if (c.name() == name) return &c;
    }
    return nullptr;
  }
  // The column named `name`; throws ConfigError naming it when absent (a
  // pipeline that names a column its input lacks is misconfigured).
  const ColumnView& column(std::string_view name) const {
    if (const ColumnView* c = find(name)) return *c;
    throw ConfigError("the input has no column '" + std::string(name) + "' (columns: " + column_names() +
                      ")");
  }

  std::string column_names() const {
    std::string names;
    for (const ColumnView& c : columns_) {
      if (!names.empty()) names += ", ";
      names += c.name();
    }
    return names;
  }

 private:
  int64_t num_rows_ = 0;
  std::vector<ColumnView> columns_;
};

}  // namespace sluice

#endif  // SLUICE_DETAIL_COLUMN_VIEW_HPP
