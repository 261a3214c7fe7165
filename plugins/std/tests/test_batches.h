// Small helpers to build input batches in tests.
#pragma once

#include <sluice/plugin.hpp>

#include <optional>
#include <string>
#include <vector>

namespace sluice::standard::testing {

using MaybeText = std::optional<std::string>;

inline sluice::Column text_column(const std::string& name, const std::vector<MaybeText>& values) {
  sluice::Utf8Builder b;
  for (const MaybeText& v : values) {
    if (v) {
      b.append(*v);
    } else {
      b.append_null();
    }
  }
  return b.finish(name);
}

// A batch with one utf8 column.
inline sluice::OwnedBatch text_batch(const std::string& name, const std::vector<MaybeText>& values) {
  sluice::OwnedBatch batch(static_cast<int64_t>(values.size()));
  batch.add_column(text_column(name, values));
  return batch;
}

inline std::vector<std::string> column_names(const sluice::OwnedBatch& batch) {
  std::vector<std::string> names;
  for (const sluice::Column& c : batch.columns()) names.push_back(c.name());
  return names;
}

// The rows' reasons, in the order they were rejected.
inline std::vector<std::string> reasons(const sluice::Rejector& rejects) {
  std::vector<std::string> out;
  for (const sluice::RowReason& r : rejects.rejected()) {
    out.push_back(std::to_string(r.row) + ": " + r.reason);
  }
  return out;
}

}  // namespace sluice::standard::testing
