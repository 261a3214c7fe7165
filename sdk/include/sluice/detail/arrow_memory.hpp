// sluice/detail/arrow_memory.hpp — ownership of Arrow C Data Interface
// structures: an owning handle for ArrowArray, a C++ value type for a
// schema node (Field), and the release callbacks for what the SDK exports.
//
// Release rules (Arrow specification): whoever holds a structure with a
// non-NULL `release` owns it and calls `release` exactly once; moving copies
// the struct bitwise and NULLs the source's `release`; a parent's release
// skips children that were moved out (their `release` is NULL).
#ifndef SLUICE_DETAIL_ARROW_MEMORY_HPP
#define SLUICE_DETAIL_ARROW_MEMORY_HPP

#include <sluice/plugin.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sluice {

// ---------------------------------------------------------------------------
// Bitmaps (validity and boolean buffers are LSB-first bit-packed)
// ---------------------------------------------------------------------------
namespace bits {
inline bool get(const void* bitmap, int64_t i) noexcept {
  return (static_cast<const uint8_t*>(bitmap)[i >> 3] >> (i & 7)) & 1;
}
inline void set(uint8_t* bitmap, int64_t i, bool value) noexcept {
  const uint8_t mask = static_cast<uint8_t>(1u << (i & 7));
  if (value) {
    bitmap[i >> 3] |= mask;
  } else {
    bitmap[i >> 3] &= static_cast<uint8_t>(~mask);
  }
}
inline int64_t bytes_for(int64_t n_bits) noexcept { return (n_bits + 7) / 8; }
}  // namespace bits

// ---------------------------------------------------------------------------
// OwnedArray: sole owner of one ArrowArray, released exactly once.
// The struct lives on the heap so views taken from it survive moves of the
// handle itself.
// ---------------------------------------------------------------------------
class OwnedArray {
 public:
  OwnedArray() : array_(std::make_unique<ArrowArray>()) { clear(*array_); }

  // Takes ownership of `*source` (moved: its `release` becomes NULL).
  static OwnedArray adopt(ArrowArray* source) {
    OwnedArray owned;
    *owned.array_ = *source;
    source->release = nullptr;
    return owned;
  }

  OwnedArray(OwnedArray&&) noexcept = default;
  OwnedArray& operator=(OwnedArray&& other) noexcept {
    if (this != &other) {
      reset();
      array_ = std::move(other.array_);
    }
    return *this;
  }
  OwnedArray(const OwnedArray&) = delete;
  OwnedArray& operator=(const OwnedArray&) = delete;
  ~OwnedArray() { reset(); }

  bool valid() const noexcept { return array_ && array_->release != nullptr; }
  const ArrowArray& get() const noexcept { return *array_; }
  ArrowArray& mutable_get() noexcept { return *array_; }

  // Moves the array into `out` (caller-provided, uninitialised); this handle
  // becomes empty.
  void release_into(ArrowArray* out) noexcept {
    *out = *array_;
    array_->release = nullptr;
  }

  void reset() noexcept {
    if (array_ && array_->release != nullptr) array_->release(array_.get());
  }

 private:
  static void clear(ArrowArray& a) noexcept { std::memset(&a, 0, sizeof a); }
  std::unique_ptr<ArrowArray> array_;
};

// ---------------------------------------------------------------------------
// Arrays the SDK produces: buffers and children kept alive by one heap
// object behind `private_data`.
// ---------------------------------------------------------------------------
namespace detail {

struct ArrayStorage {
  // Type-erased owners of the buffers (vectors of any element type).
  std::vector<std::shared_ptr<void>> keep_alive;
  std::vector<const void*> buffers;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_pointers;
};

inline void release_stored_array(ArrowArray* array) noexcept {
  auto* storage = static_cast<ArrayStorage*>(array->private_data);
  for (ArrowArray& child : storage->children) {
    if (child.release != nullptr) child.release(&child);
  }
  delete storage;
  array->release = nullptr;
}

// A zero-length buffer still gets a non-NULL, suitably aligned address.
inline const void* empty_buffer() noexcept {
  alignas(64) static const uint8_t zeros[64] = {};
  return zeros;
}

// Owns `vec` for the lifetime of the array; returns its data pointer.
template <class T>
const void* keep(ArrayStorage& storage, std::vector<T>&& vec) {
  if (vec.empty()) return empty_buffer();
  auto holder = std::make_shared<std::vector<T>>(std::move(vec));
  const void* data = holder->data();
  storage.keep_alive.push_back(std::move(holder));
  return data;
}

// Fills `out` from `storage` (buffers and children already set) and hands
// ownership of `storage` to it.
inline OwnedArray make_array(std::unique_ptr<ArrayStorage> storage, int64_t length, int64_t null_count) {
  OwnedArray owned;
  ArrowArray& a = owned.mutable_get();
  for (ArrowArray& child : storage->children) {
    storage->child_pointers.push_back(&child);
  }
  a.length = length;
  a.null_count = null_count;
  a.offset = 0;
  a.n_buffers = static_cast<int64_t>(storage->buffers.size());
  a.n_children = static_cast<int64_t>(storage->children.size());
  a.buffers = storage->buffers.data();
  a.children = storage->child_pointers.empty() ? nullptr : storage->child_pointers.data();
  a.dictionary = nullptr;
  a.release = &release_stored_array;
  a.private_data = storage.release();
  return owned;
}

}  // namespace detail

// ---------------------------------------------------------------------------
// Field: a schema node as a C++ value (name, type, flags, metadata and any
// child types), so that renaming or copying a column is plain C++.
// ---------------------------------------------------------------------------
struct Field {
  std::string name;
  std::string format;
  int64_t flags = ARROW_FLAG_NULLABLE;
  std::string metadata;  // Arrow's binary metadata encoding, as bytes
  std::vector<Field> children;
  std::shared_ptr<Field> dictionary;

  // A deep copy of a (borrowed) ArrowSchema node.
  static Field copy_of(const ArrowSchema& schema) {
    Field f;
    f.name = schema.name ? schema.name : "";
    f.format = schema.format ? schema.format : "";
    f.flags = schema.flags;
    f.metadata = metadata_bytes(schema.metadata);
    for (int64_t i = 0; i < schema.n_children; ++i) {
      f.children.push_back(copy_of(*schema.children[i]));
    }
    if (schema.dictionary != nullptr) {
      f.dictionary = std::make_shared<Field>(copy_of(*schema.dictionary));
    }
    return f;
  }

  // Exports a copy of this field into `out` (caller-provided, uninitialised)
  // with a release callback that frees everything it allocated.
  void export_to(ArrowSchema* out) const;

 private:
  // Metadata is: int32 count, then per entry int32 key length, key bytes,
  // int32 value length, value bytes (native endianness).
  static std::string metadata_bytes(const char* metadata) {
    if (metadata == nullptr) return {};
    const char* p = metadata;
    int32_t count = 0;
    std::memcpy(&count, p, 4);
    p += 4;
    for (int32_t i = 0; i < 2 * count; ++i) {
      int32_t len = 0;
      std::memcpy(&len, p, 4);
      p += 4 + len;
    }
    return std::string(metadata, static_cast<size_t>(p - metadata));
  }
};

namespace detail {

struct SchemaStorage {
  std::string name;
  std::string format;
  std::string metadata;
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_pointers;
  std::unique_ptr<ArrowSchema> dictionary;
};

inline void release_stored_schema(ArrowSchema* schema) noexcept {
  auto* storage = static_cast<SchemaStorage*>(schema->private_data);
  for (ArrowSchema& child : storage->children) {
    if (child.release != nullptr) child.release(&child);
  }
  if (storage->dictionary && storage->dictionary->release != nullptr) {
    storage->dictionary->release(storage->dictionary.get());
  }
  delete storage;
  schema->release = nullptr;
}

}  // namespace detail

inline void Field::export_to(ArrowSchema* out) const {
  auto storage = std::make_unique<detail::SchemaStorage>();
  storage->name = name;
  storage->format = format;
  storage->metadata = metadata;
  storage->children.resize(children.size());
  for (size_t i = 0; i < children.size(); ++i) {
    children[i].export_to(&storage->children[i]);
    storage->child_pointers.push_back(&storage->children[i]);
  }
  if (dictionary) {
    storage->dictionary = std::make_unique<ArrowSchema>();
    dictionary->export_to(storage->dictionary.get());
  }
  out->format = storage->format.c_str();
  out->name = storage->name.c_str();
  out->metadata = storage->metadata.empty() ? nullptr : storage->metadata.data();
  out->flags = flags;
  out->n_children = static_cast<int64_t>(storage->children.size());
  out->children = storage->child_pointers.empty() ? nullptr : storage->child_pointers.data();
  out->dictionary = storage->dictionary.get();
  out->release = &detail::release_stored_schema;
  out->private_data = storage.release();
}

// Releases a schema the caller owns (convenience for borrowed/moved inputs).
inline void release_schema(ArrowSchema* schema) noexcept {
  if (schema != nullptr && schema->release != nullptr) schema->release(schema);
}

}  // namespace sluice

#endif  // SLUICE_DETAIL_ARROW_MEMORY_HPP
