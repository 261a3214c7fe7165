// A batch made the way a foreign producer (another library) would: plain C
// structs with their own release callbacks, which count how often they run,
// so tests can check the SDK releases each structure exactly once.
#pragma once

#include <sluice/plugin.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace sluice::testing {

struct ReleaseCounts {
  int arrays = 0;
  int schemas = 0;
};

// Buffer element i holds: column "n" (int64) the value i, null when
// i % 3 == 2; column "s" (utf8) the text "v<i>". The struct array skips its
// first `offset` elements, so row r of the batch is element r + offset.
class ForeignBatch {
 public:
  ForeignBatch(int64_t rows, int64_t offset, ReleaseCounts* counts);
  ~ForeignBatch();

  ArrowSchema schema{};
  ArrowArray array{};

 private:
  struct ArrayData {
    ReleaseCounts* counts;
    std::vector<std::vector<uint8_t>> buffers;
    std::vector<const void*> pointers;
    std::vector<ArrowArray*> children;
  };
  struct SchemaData {
    ReleaseCounts* counts;
    std::vector<ArrowSchema*> children;
  };
  static void release_array(ArrowArray* a);
  static void release_schema(ArrowSchema* s);
  static ArrowArray* int64_child(int64_t total, ReleaseCounts* counts);
  static ArrowArray* utf8_child(int64_t total, ReleaseCounts* counts);
  static ArrowSchema* child_schema(const char* name, const char* format,
                                   ReleaseCounts* counts);
};

inline void ForeignBatch::release_array(ArrowArray* a) {
  auto* data = static_cast<ArrayData*>(a->private_data);
  for (ArrowArray* child : data->children) {
    if (child->release != nullptr) child->release(child);
    delete child;
  }
  data->counts->arrays++;
  delete data;
  a->release = nullptr;
}

inline void ForeignBatch::release_schema(ArrowSchema* s) {
  auto* data = static_cast<SchemaData*>(s->private_data);
  for (ArrowSchema* child : data->children) {
    if (child->release != nullptr) child->release(child);
    delete child;
  }
  data->counts->schemas++;
  delete data;
  s->release = nullptr;
}

inline ArrowArray* ForeignBatch::int64_child(int64_t total,
                                             ReleaseCounts* counts) {
  auto* data = new ArrayData{counts, {}, {}, {}};
  std::vector<uint8_t> validity(static_cast<size_t>((total + 7) / 8), 0);
  std::vector<uint8_t> values(static_cast<size_t>(total * 8));
  int64_t nulls = 0;
  for (int64_t i = 0; i < total; ++i) {
    std::memcpy(values.data() + i * 8, &i, 8);
    if (i % 3 == 2) {
      ++nulls;
    } else {
      validity[static_cast<size_t>(i / 8)] |= static_cast<uint8_t>(1 << (i % 8));
    }
  }
  data->buffers = {std::move(validity), std::move(values)};
  data->pointers = {data->buffers[0].data(), data->buffers[1].data()};
  auto* a = new ArrowArray{};
  *a = ArrowArray{total, nulls, 0, 2, 0, data->pointers.data(), nullptr,
                  nullptr, &release_array, data};
  return a;
}

inline ArrowArray* ForeignBatch::utf8_child(int64_t total,
                                            ReleaseCounts* counts) {
  auto* data = new ArrayData{counts, {}, {}, {}};
  std::vector<int32_t> offsets{0};
  std::string text;
  for (int64_t i = 0; i < total; ++i) {
    text += "v" + std::to_string(i);
    offsets.push_back(static_cast<int32_t>(text.size()));
  }
  std::vector<uint8_t> offset_bytes(offsets.size() * 4);
  std::memcpy(offset_bytes.data(), offsets.data(), offset_bytes.size());
  data->buffers = {std::move(offset_bytes),
                   std::vector<uint8_t>(text.begin(), text.end())};
  data->pointers = {nullptr, data->buffers[0].data(), data->buffers[1].data()};
  auto* a = new ArrowArray{};
  *a = ArrowArray{total, 0, 0, 3, 0, data->pointers.data(), nullptr,
                  nullptr, &release_array, data};
  return a;
}

inline ArrowSchema* ForeignBatch::child_schema(const char* name,
                                               const char* format,
                                               ReleaseCounts* counts) {
  auto* s = new ArrowSchema{};
  *s = ArrowSchema{format, name, nullptr, ARROW_FLAG_NULLABLE, 0, nullptr,
                   nullptr, &release_schema, new SchemaData{counts, {}}};
  return s;
}

inline ForeignBatch::ForeignBatch(int64_t rows, int64_t offset,
                                  ReleaseCounts* counts) {
  const int64_t total = rows + offset;
  auto* adata = new ArrayData{counts, {}, {nullptr}, {}};
  adata->children = {int64_child(total, counts), utf8_child(total, counts)};
  array = ArrowArray{rows, 0, offset, 1, 2, adata->pointers.data(),
                     adata->children.data(), nullptr, &release_array, adata};
  auto* sdata = new SchemaData{counts, {}};
  sdata->children = {child_schema("n", "l", counts),
                     child_schema("s", "u", counts)};
  schema = ArrowSchema{"+s", "", nullptr, 0, 2, sdata->children.data(),
                       nullptr, &release_schema, sdata};
}

inline ForeignBatch::~ForeignBatch() {
  if (array.release != nullptr) array.release(&array);
  if (schema.release != nullptr) schema.release(&schema);
}

}  // namespace sluice::testing
