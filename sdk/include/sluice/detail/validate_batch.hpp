// sluice/detail/validate_batch.hpp — checking a record batch that crossed the
// ABI before anything reads it, so that a buggy plugin's batch is refused
// with a message instead of crashing the process that received it.
//
// The host checks every batch a plugin returns (source `next`, transform
// `process` and `invert`); OwnedBatch::adopt checks what a C++ plugin is
// handed. SDK-free (plugin.h and the support layer only), so the host and a
// plugin's core can include it without nlohmann.
//
// What is checked, for the "+s" struct and each column of a format listed in
// plugin.h's "Record batches" (and the other primitive formats the SDK can
// carry, see layout_of): release callbacks set; no dictionary; the number of
// buffers and children the format's layout has; length >= 0, offset >= 0,
// -1 <= null_count <= length; each column at least as long as the struct's
// offset + length; a buffer pointer is NULL only where the specification
// allows it (the validity bitmap when null_count is 0, any buffer that would
// hold 0 bytes); a validity bitmap marks as many nulls as null_count says;
// string/binary offsets start at >= 0 and never decrease, and reach no byte
// of a NULL (empty) data buffer; schema and array agree on the columns, and
// every column has a name. A column of any other format is refused.
//
// What cannot be checked: the C Data Interface carries no buffer sizes, so a
// buffer shorter than its array's offset + length (or a data buffer shorter
// than its last offset) goes unnoticed, as does a pointer into unmapped
// memory. Messages name the column and the rule, never a value.
#ifndef SLUICE_DETAIL_VALIDATE_BATCH_HPP
#define SLUICE_DETAIL_VALIDATE_BATCH_HPP

#include <sluice/plugin.h>
#include <sluice/support/status.hpp>

#include <bit>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

namespace batch_validation {

// How a column's format lays out its buffers after the validity bitmap.
enum class Layout {
  kBits,        // one bit-packed data buffer ("b")
  kFixedWidth,  // one data buffer of `width`-byte values
  kOffsets32,   // int32 offsets and data ("u", "z")
  kOffsets64,   // int64 offsets and data ("U", "Z")
};

struct ColumnLayout {
  Layout layout;
  int width = 0;  // bytes per value, kFixedWidth only
  int64_t n_buffers() const { return layout == Layout::kBits || layout == Layout::kFixedWidth ? 2 : 3; }
};

inline std::optional<int> fixed_width_of(std::string_view f) {
  if (f == "c" || f == "C") return 1;
  if (f == "s" || f == "S" || f == "e") return 2;
  if (f == "i" || f == "I" || f == "f" || f == "tdD" || f == "tts" || f == "ttm") return 4;
  if (f == "l" || f == "L" || f == "g" || f == "tdm" || f == "ttu" || f == "ttn") return 8;
  // Durations ("tDs" .. "tDn") and timestamps ("tsu:" + any time zone).
  const bool time_unit = f.size() >= 3 && std::string_view("smun").find(f[2]) != std::string_view::npos;
  if (time_unit && f.size() == 3 && f.substr(0, 2) == "tD") return 8;
  if (time_unit && f.size() >= 4 && f.substr(0, 2) == "ts" && f[3] == ':') return 8;
  return std::nullopt;
}

// The layout of a column format the host reads, or nullopt for any other.
inline std::optional<ColumnLayout> layout_of(std::string_view format) {
  if (format == "b") return ColumnLayout{Layout::kBits};
  if (format == "u" || format == "z") return ColumnLayout{Layout::kOffsets32};
  if (format == "U" || format == "Z") return ColumnLayout{Layout::kOffsets64};
  if (auto width = fixed_width_of(format)) return ColumnLayout{Layout::kFixedWidth, *width};
  return std::nullopt;
}

// A format string as a message may quote it: printable ASCII, at most 32
// characters (a broken producer may hand over anything).
inline std::string quoted_format(const char* format) {
  std::string out = "'";
  for (size_t i = 0; format[i] != '\0' && i < 32; ++i) {
    const unsigned char c = static_cast<unsigned char>(format[i]);
    out += c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?';
  }
  return out + "'";
}

inline support::Status malformed(const std::string& subject, const std::string& problem) {
  return support::internal_error(subject + " " + problem);
}

// The fields every array has: lengths, offset and null count in range.
inline support::Status check_counts(const std::string& subject, const ArrowArray& array) {
  if (array.length < 0) return malformed(subject, "has a negative length");
  if (array.offset < 0) return malformed(subject, "has a negative offset");
  if (array.offset > std::numeric_limits<int64_t>::max() - array.length) {
    return malformed(subject, "has an offset and length that overflow");
  }
  if (array.null_count < -1 || array.null_count > array.length) {
    return malformed(subject, "has a null count of " + std::to_string(array.null_count) + " for " +
                                  std::to_string(array.length) + " rows");
  }
  if (array.n_buffers < 0 || (array.n_buffers > 0 && array.buffers == nullptr)) {
    return malformed(subject, "has no buffer list");
  }
  return support::Status::success();
}

// Bits [begin, end) of `bitmap` that are 0, a byte at a time between the
// edges: a validity bitmap is read once per column, so this is the
// validator's only per-row cost besides string offsets.
inline int64_t count_unset_bits(const void* bitmap, int64_t begin, int64_t end) {
  const auto* bytes = static_cast<const uint8_t*>(bitmap);
  auto bit_unset = [bytes](int64_t i) -> int64_t { return ((bytes[i >> 3] >> (i & 7)) & 1) == 0 ? 1 : 0; };
  int64_t unset = 0;
  int64_t i = begin;
  for (; i < end && (i & 7) != 0; ++i) unset += bit_unset(i);
  for (; i + 8 <= end; i += 8) unset += 8 - std::popcount(bytes[i >> 3]);
  for (; i < end; ++i) unset += bit_unset(i);
  return unset;
}

// Buffer 0: NULL only when there are no nulls; otherwise it marks exactly
// null_count nulls (unless the count is -1, "not computed").
inline support::Status check_validity(const std::string& subject, const ArrowArray& array) {
  const int64_t extent = array.offset + array.length;
  const void* bitmap = array.buffers[0];
  if (bitmap == nullptr) {
    if (array.null_count == 0 || extent == 0) return support::Status::success();
    return malformed(subject,
                     "has no validity bitmap (NULL) but a null count of " + std::to_string(array.null_count));
  }
  if (array.null_count < 0) return support::Status::success();
  const int64_t marked = count_unset_bits(bitmap, array.offset, extent);
  if (marked != array.null_count) {
    return malformed(subject, "has a null count of " + std::to_string(array.null_count) +
                                  ", but its validity bitmap marks " + std::to_string(marked) + " nulls");
  }
  return support::Status::success();
}

// String and binary columns: offsets from >= 0, never decreasing, and no
// byte of a NULL data buffer claimed.
template <class Offset>
support::Status check_offsets(const std::string& subject, const ArrowArray& array) {
  const auto* offsets = static_cast<const Offset*>(array.buffers[1]);
  if (offsets == nullptr) {
    if (array.offset + array.length == 0) return support::Status::success();
    return malformed(subject, "has no offsets buffer (NULL)");
  }
  const Offset* first = offsets + array.offset;
  if (first[0] < 0) return malformed(subject, "has a negative first offset");
  for (int64_t row = 0; row < array.length; ++row) {
    if (first[row + 1] < first[row]) {
      return malformed(subject, "has offsets that decrease at row " + std::to_string(row));
    }
  }
  const Offset last = first[array.length];
  if (array.buffers[2] == nullptr && last > 0) {
    return malformed(subject, "has offsets reaching byte " + std::to_string(last) +
                                  " of a data buffer that is absent (NULL)");
  }
  return support::Status::success();
}

inline support::Status check_buffers(const std::string& subject, const ArrowArray& array,
                                     const ColumnLayout& layout) {
  SLUICE_TRY(check_validity(subject, array));
  switch (layout.layout) {
    case Layout::kOffsets32: return check_offsets<int32_t>(subject, array);
    case Layout::kOffsets64: return check_offsets<int64_t>(subject, array);
    case Layout::kBits:
    case Layout::kFixedWidth: break;
  }
  if (array.buffers[1] == nullptr && array.offset + array.length > 0) {
    return malformed(subject, "has no data buffer (NULL) for its " + std::to_string(array.length) + " rows");
  }
  return support::Status::success();
}

// "column 'ip'": the name as the plugin gave it, but with control
// characters shown as '?' and at most 128 bytes, so that a broken name can
// neither forge a log line nor flood one.
inline std::string column_subject(const ArrowSchema& field) {
  std::string name;
  for (size_t i = 0; field.name[i] != '\0' && i < 128; ++i) {
    const unsigned char c = static_cast<unsigned char>(field.name[i]);
    name += c < 0x20 || c == 0x7f ? '?' : static_cast<char>(c);
  }
  return "column '" + name + "'";
}

// What every column's schema and array must be before its buffers are read.
inline support::Status check_column_shape(const std::string& subject, const ArrowSchema& field,
                                          const ArrowArray& array, const ColumnLayout& layout) {
  if (field.release == nullptr || array.release == nullptr) return malformed(subject, "was already released");
  if (field.dictionary != nullptr || array.dictionary != nullptr) {
    return malformed(subject, "is dictionary-encoded, which the host does not read");
  }
  if (field.n_children != 0 || array.n_children != 0) {
    return malformed(subject, "has child arrays, which format " + quoted_format(field.format) + " does not");
  }
  SLUICE_TRY(check_counts(subject, array));
  if (array.n_buffers != layout.n_buffers()) {
    return malformed(subject, "has " + std::to_string(array.n_buffers) + " buffers; format " +
                                  quoted_format(field.format) + " has " + std::to_string(layout.n_buffers()));
  }
  return support::Status::success();
}

// Column `index` of struct `parent`.
inline support::Status check_column(const ArrowSchema* field, const ArrowArray* array,
                                    const ArrowArray& parent, int64_t index) {
  const std::string position = "column " + std::to_string(index);
  if (field == nullptr || array == nullptr) return malformed(position, "is missing (NULL)");
  if (field->name == nullptr || field->name[0] == '\0') return malformed(position, "has no name");
  const std::string subject = column_subject(*field);
  if (field->format == nullptr) return malformed(subject, "has no format");
  const std::optional<ColumnLayout> layout = layout_of(field->format);
  if (!layout) {
    return malformed(subject,
                     "has format " + quoted_format(field->format) + ", which the host does not know");
  }
  SLUICE_TRY(check_column_shape(subject, *field, *array, *layout));
  const int64_t needed = parent.offset + parent.length;
  if (array->length < needed) {
    return malformed(subject, "has " + std::to_string(array->length) + " rows, fewer than the " +
                                  std::to_string(needed) + " the batch's offset and length need");
  }
  return check_buffers(subject, *array, *layout);
}

// The "+s" struct itself, and that schema and array agree on its columns.
inline support::Status check_struct(const ArrowSchema& schema, const ArrowArray& array) {
  if (schema.release == nullptr || array.release == nullptr)
    return malformed("the batch", "was already released");
  if (schema.format == nullptr || std::string_view(schema.format) != "+s") {
    return malformed("the batch", "is not a struct array (format '+s')");
  }
  if (schema.dictionary != nullptr || array.dictionary != nullptr) {
    return malformed("the batch", "is dictionary-encoded");
  }
  if (schema.n_children != array.n_children) {
    return malformed("the batch", "has a schema of " + std::to_string(schema.n_children) +
                                      " columns and an array of " + std::to_string(array.n_children));
  }
  if (array.n_children < 0 ||
      (array.n_children > 0 && (schema.children == nullptr || array.children == nullptr))) {
    return malformed("the batch", "has no column list");
  }
  SLUICE_TRY(check_counts("the batch", array));
  if (array.n_buffers != 1) {
    return malformed("the batch",
                     "has " + std::to_string(array.n_buffers) + " buffers; a struct array has 1");
  }
  return check_validity("the batch", array);
}

}  // namespace batch_validation

// OK when `schema` and `array` form a record batch that can be read safely
// as far as the C Data Interface lets one tell (see the top of this file);
// otherwise an internal error whose message names the column (or "the
// batch") and the rule broken, for the caller to put its context in front:
// "column 'ip' has offsets that decrease at row 3". Reads the structures,
// never changes them.
inline support::Status validate_batch(const ArrowSchema& schema, const ArrowArray& array) {
  SLUICE_TRY(batch_validation::check_struct(schema, array));
  for (int64_t i = 0; i < array.n_children; ++i) {
    SLUICE_TRY(batch_validation::check_column(schema.children[i], array.children[i], array, i));
  }
  return support::Status::success();
}

}  // namespace sluice

#endif  // SLUICE_DETAIL_VALIDATE_BATCH_HPP
