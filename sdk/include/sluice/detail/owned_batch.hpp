// sluice/detail/owned_batch.hpp — OwnedBatch: a record batch held as owned
// named columns, which moves columns in and out without copying and exports
// itself as an Arrow struct batch; and BatchBuilder, which assembles one.
#ifndef SLUICE_DETAIL_OWNED_BATCH_HPP
#define SLUICE_DETAIL_OWNED_BATCH_HPP

#include <sluice/plugin.h>
#include <sluice/detail/arrow_memory.hpp>
#include <sluice/detail/column.hpp>
#include <sluice/detail/column_view.hpp>
#include <sluice/detail/errors.hpp>
#include <sluice/detail/validate_batch.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice {

class OwnedBatch {
 public:
  // An empty batch of `num_rows` rows, to which columns are added.
  explicit OwnedBatch(int64_t num_rows = 0) : num_rows_(num_rows) {}

  // Takes a struct batch whose schema is borrowed (copied here) and whose
  // array is moved in (`array->release` becomes NULL). The array is
  // released even if this throws. A malformed batch (validate_batch) throws
  // InternalError naming the column, before any buffer is read.
  static OwnedBatch adopt(const ArrowSchema& schema, ArrowArray* array) {
    OwnedArray parent = OwnedArray::adopt(array);
    if (!parent.valid()) throw InternalError("batch was already released");
    throw_if_error(validate_batch(schema, parent.get()));
    OwnedBatch batch(parent.get().length);
    ArrowArray& p = parent.mutable_get();
    for (int64_t i = 0; i < p.n_children; ++i) {
      batch.columns_.emplace_back(Field::copy_of(*schema.children[i]), adopt_child(p, i));
    }
    return batch;  // `parent` releases what is left of the struct
  }

  // As above, with the schema moved in too (released here).
  static OwnedBatch adopt(ArrowSchema* schema, ArrowArray* array) {
    struct SchemaReleaser {
      ArrowSchema* s;
      ~SchemaReleaser() { release_schema(s); }
    } releaser{schema};
    return adopt(*schema, array);
  }

  OwnedBatch(OwnedBatch&&) noexcept = default;
  OwnedBatch& operator=(OwnedBatch&&) noexcept = default;
  OwnedBatch(const OwnedBatch&) = delete;
  OwnedBatch& operator=(const OwnedBatch&) = delete;

  int64_t num_rows() const noexcept { return num_rows_; }
  int64_t num_columns() const noexcept { return static_cast<int64_t>(columns_.size()); }
  const std::vector<Column>& columns() const noexcept { return columns_; }
  std::vector<Column>& columns() noexcept { return columns_; }

  // Views of the columns; valid until the batch's columns change.
  BatchView view() const {
    std::vector<ColumnView> views;
    views.reserve(columns_.size());
    for (const Column& c : columns_) views.push_back(c.view());
    return BatchView(num_rows_, std::move(views));
  }

  Column* find(std::string_view name) noexcept {
    for (Column& c : columns_) {
      if (c.name() == name) return &c;
    }
    return nullptr;
  }
  const Column* find(std::string_view name) const noexcept {
    return const_cast<OwnedBatch*>(this)->find(name);
  }
  // The column named `name`; throws ConfigError naming it when absent.
  Column& column(std::string_view name) {
    if (Column* c = find(name)) return *c;
    throw missing_column(name);
  }
  const Column& column(std::string_view name) const { return const_cast<OwnedBatch*>(this)->column(name); }

  // Moves column `name` out of the batch (no data is copied). Throws
  // ConfigError naming it when absent.
  Column take_column(std::string_view name) {
    if (auto c = try_take_column(name)) return std::move(*c);
    throw missing_column(name);
  }
  std::optional<Column> try_take_column(std::string_view name) {
    for (auto it = columns_.begin(); it != columns_.end(); ++it) {
      if (it->name() == name) {
        Column c = std::move(*it);
        columns_.erase(it);
        return c;
      }
    }
    return std::nullopt;
  }
  // Removes column `name` if present; returns whether it was.
  bool drop_column(std::string_view name) { return try_take_column(name).has_value(); }

  // Appends `column`; a column of the same name is replaced in its place.
  void set_column(Column column) {
    check_length(column);
    if (Column* existing = find(column.name())) {
      *existing = std::move(column);
    } else {
      columns_.push_back(std::move(column));
    }
  }
  // Appends `column`; throws InternalError if the name is taken.
  void add_column(Column column) {
    check_length(column);
    if (find(column.name()) != nullptr) {
      throw InternalError("the batch already has a column '" + column.name() + "'");
    }
    columns_.push_back(std::move(column));
  }

  // Removes every row i with `removed[i]` != 0 (copying the kept rows of
  // each column; nothing is copied when no row is removed).
  void remove_rows(std::span<const uint8_t> removed) {
    if (static_cast<int64_t>(removed.size()) != num_rows_) {
      throw InternalError("row mask length differs from the batch's rows");
    }
    int64_t kept = 0;
    for (uint8_t r : removed) kept += r ? 0 : 1;
    if (kept == num_rows_) return;
    for (Column& c : columns_) c = c.without_rows(removed, kept);
    num_rows_ = kept;
  }

  // Exports the batch as a struct into caller-provided structures (the
  // caller then owns them); this batch is left empty.
  void release_into(ArrowSchema* out_schema, ArrowArray* out_array) {
    Field root;
    root.format = "+s";
    root.flags = 0;
    for (const Column& c : columns_) root.children.push_back(c.field());
    root.export_to(out_schema);
    try {
      auto storage = std::make_unique<detail::ArrayStorage>();
      storage->buffers.push_back(nullptr);  // a record batch has no nulls
      storage->children.resize(columns_.size());
      for (size_t i = 0; i < columns_.size(); ++i) {
        columns_[i].release_array_into(&storage->children[i]);
      }
      detail::make_array(std::move(storage), num_rows_, 0).release_into(out_array);
    } catch (...) {
      release_schema(out_schema);
      throw;
    }
    columns_.clear();
    num_rows_ = 0;
  }

 private:
  // Moves child `i` out of struct `parent`, folding the parent's offset and
  // length into it so the child stands alone.
  static OwnedArray adopt_child(ArrowArray& parent, int64_t i) {
    OwnedArray child = OwnedArray::adopt(parent.children[i]);
    ArrowArray& c = child.mutable_get();
    if (parent.offset != 0 || c.length != parent.length) {
      c.offset += parent.offset;
      c.length = parent.length;
      if (c.null_count != 0) c.null_count = -1;
    }
    return child;
  }

  void check_length(const Column& column) const {
    if (column.length() != num_rows_) {
      throw InternalError("column '" + column.name() + "' has " + std::to_string(column.length()) +
                          " rows, the batch " + std::to_string(num_rows_));
    }
  }

  ConfigError missing_column(std::string_view name) const {
    return ConfigError("the input has no column '" + std::string(name) +
                       "' (columns: " + view().column_names() + ")");
  }

  int64_t num_rows_ = 0;
  std::vector<Column> columns_;
};

// Assembles named columns, built or moved in from another batch, into a
// batch of `num_rows` rows.
class BatchBuilder {
 public:
  explicit BatchBuilder(int64_t num_rows) : batch_(num_rows) {}

  BatchBuilder& add(Column column) {
    batch_.add_column(std::move(column));
    return *this;
  }
  // Finishes `builder` (any column builder) as column `name` and adds it.
  template <class ColumnBuilder>
  BatchBuilder& add(std::string name, ColumnBuilder& builder) {
    return add(builder.finish(std::move(name)));
  }

  OwnedBatch finish() { return std::move(batch_); }
  void release_into(ArrowSchema* out_schema, ArrowArray* out_array) {
    batch_.release_into(out_schema, out_array);
  }

 private:
  OwnedBatch batch_;
};

}  // namespace sluice

#endif  // SLUICE_DETAIL_OWNED_BATCH_HPP
