// sluice/detail/builders.hpp — builders for the column types of the ABI.
// Each builder appends values or nulls, then `finish(name)` hands back an
// owned Column and leaves the builder empty, ready to build another.
#ifndef SLUICE_DETAIL_BUILDERS_HPP
#define SLUICE_DETAIL_BUILDERS_HPP

#include <sluice/detail/arrow_memory.hpp>
#include <sluice/detail/column.hpp>
#include <sluice/detail/column_view.hpp>
#include <sluice/detail/errors.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice {
namespace detail {

// A growable LSB-first bitmap.
class BitBuffer {
 public:
  void reserve(int64_t n) { bytes_.reserve(static_cast<size_t>(bits::bytes_for(n))); }
  void push(bool value) {
    if ((size_ & 7) == 0) bytes_.push_back(0);
    if (value) bytes_.back() |= static_cast<uint8_t>(1u << (size_ & 7));
    ++size_;
  }
  int64_t size() const noexcept { return size_; }
  std::vector<uint8_t> take() {
    size_ = 0;
    return std::move(bytes_);
  }

 private:
  std::vector<uint8_t> bytes_;
  int64_t size_ = 0;
};

// Validity bits, allocated only once the first null arrives (a column
// without nulls exports a NULL validity buffer).
class ValidityBuffer {
 public:
  void reserve(int64_t n) { reserved_ = n; }
  void push_valid() {
    if (materialized_) bits_.push(true);
    ++length_;
  }
  void push_null() {
    if (!materialized_) materialize();
    bits_.push(false);
    ++length_;
    ++null_count_;
  }
  int64_t length() const noexcept { return length_; }
  int64_t null_count() const noexcept { return null_count_; }
  // Stores the bitmap (or NULL) as buffer 0 of `storage`; resets.
  void finish_into(ArrayStorage& storage) {
    storage.buffers.push_back(materialized_ ? keep(storage, bits_.take()) : nullptr);
    *this = ValidityBuffer();
  }

 private:
  void materialize() {
    materialized_ = true;
    bits_.reserve(reserved_ > length_ ? reserved_ : length_ + 1);
    for (int64_t i = 0; i < length_; ++i) bits_.push(true);
  }
  BitBuffer bits_;
  bool materialized_ = false;
  int64_t length_ = 0;
  int64_t null_count_ = 0;
  int64_t reserved_ = 0;
};

// Builder of a fixed-width column of C type T; the Arrow format is fixed by
// the concrete builder below.
template <class T>
class FixedWidthBuilder {
 public:
  explicit FixedWidthBuilder(const char* format) : format_(format) {}

  void reserve(int64_t n) {
    values_.reserve(static_cast<size_t>(n));
    validity_.reserve(n);
  }
  void append(T value) {
    values_.push_back(value);
    validity_.push_valid();
  }
  void append_null() {
    values_.push_back(T{});
    validity_.push_null();
  }
  int64_t length() const noexcept { return validity_.length(); }

  Column finish(std::string name) {
    auto storage = std::make_unique<ArrayStorage>();
    const int64_t length = validity_.length();
    const int64_t null_count = validity_.null_count();
    validity_.finish_into(*storage);
    storage->buffers.push_back(keep(*storage, std::move(values_)));
    values_ = {};
    Field field;
    field.name = std::move(name);
    field.format = format_;
    return Column(std::move(field), make_array(std::move(storage), length, null_count));
  }

 private:
  const char* format_;
  std::vector<T> values_;
  ValidityBuffer validity_;
};

}  // namespace detail

// int64 ("l").
class Int64Builder : public detail::FixedWidthBuilder<int64_t> {
 public:
  Int64Builder() : FixedWidthBuilder(format::int64) {}
};

// int32 ("i").
class Int32Builder : public detail::FixedWidthBuilder<int32_t> {
 public:
  Int32Builder() : FixedWidthBuilder(format::int32) {}
};

// float64 ("g").
class Float64Builder : public detail::FixedWidthBuilder<double> {
 public:
  Float64Builder() : FixedWidthBuilder(format::float64) {}
};

// date32 ("tdD"): days since 1970-01-01.
class Date32Builder : public detail::FixedWidthBuilder<int32_t> {
 public:
  Date32Builder() : FixedWidthBuilder(format::date32) {}
};

// timestamp ("tsu:UTC"): microseconds since the epoch, UTC.
class TimestampBuilder : public detail::FixedWidthBuilder<int64_t> {
 public:
  TimestampBuilder() : FixedWidthBuilder(format::timestamp_us_utc) {}
};

// boolean ("b"), bit-packed.
class BoolBuilder {
 public:
  void reserve(int64_t n) {
    values_.reserve(n);
    validity_.reserve(n);
  }
  void append(bool value) {
    values_.push(value);
    validity_.push_valid();
  }
  void append_null() {
    values_.push(false);
    validity_.push_null();
  }
  int64_t length() const noexcept { return validity_.length(); }

  Column finish(std::string name) {
    auto storage = std::make_unique<detail::ArrayStorage>();
    const int64_t length = validity_.length();
    const int64_t null_count = validity_.null_count();
    validity_.finish_into(*storage);
    storage->buffers.push_back(detail::keep(*storage, values_.take()));
    Field field;
    field.name = std::move(name);
    field.format = format::boolean;
    return Column(std::move(field), detail::make_array(std::move(storage), length, null_count));
  }

 private:
  detail::BitBuffer values_;
  detail::ValidityBuffer validity_;
};

// utf8 ("u"): int32 offsets, so at most 2 GiB of text per column.
class Utf8Builder {
 public:
  Utf8Builder() { offsets_.push_back(0); }

  void reserve(int64_t n) {
    offsets_.reserve(static_cast<size_t>(n + 1));
    validity_.reserve(n);
  }
  // Reserves room for `bytes` bytes of text in total.
  void reserve_bytes(int64_t bytes) { data_.reserve(static_cast<size_t>(bytes)); }

  void append(std::string_view value) {
    if (data_.size() + value.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      throw InternalError("utf8 column exceeds 2 GiB; use smaller batches");
    }
    data_.insert(data_.end(), value.begin(), value.end());
    offsets_.push_back(static_cast<int32_t>(data_.size()));
    validity_.push_valid();
  }
  void append_null() {
    offsets_.push_back(static_cast<int32_t>(data_.size()));
    validity_.push_null();
  }
  int64_t length() const noexcept { return validity_.length(); }

  Column finish(std::string name) {
    auto storage = std::make_unique<detail::ArrayStorage>();
    const int64_t length = validity_.length();
    const int64_t null_count = validity_.null_count();
    validity_.finish_into(*storage);
    storage->buffers.push_back(detail::keep(*storage, std::move(offsets_)));
    storage->buffers.push_back(detail::keep(*storage, std::move(data_)));
    offsets_ = {0};
    data_ = {};
    Field field;
    field.name = std::move(name);
    field.format = format::utf8;
    return Column(std::move(field), detail::make_array(std::move(storage), length, null_count));
  }

 private:
  std::vector<int32_t> offsets_;
  std::vector<char> data_;
  detail::ValidityBuffer validity_;
};

}  // namespace sluice

#endif  // SLUICE_DETAIL_BUILDERS_HPP
