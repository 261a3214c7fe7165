// sluice/detail/row_outcomes.hpp — Rejector (transforms) and Reporter
// (sinks): how plugin code reports what became of individual rows. Both
// forward to the host's C callbacks when given them and also remember what
// they were told, so unit tests can use them without a host.
#ifndef SLUICE_DETAIL_ROW_OUTCOMES_HPP
#define SLUICE_DETAIL_ROW_OUTCOMES_HPP

#include <sluice/plugin.h>
#include <sluice/detail/errors.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace sluice {

struct RowReason {
  int64_t row;
  std::string reason;
};

// Collects the rows a transform rejects (to the dead-letter sink) or drops
// (filtered on purpose) out of an input batch of `num_rows` rows.
class Rejector {
 public:
  explicit Rejector(int64_t num_rows, const sluice_rejector* host = nullptr)
      : host_(host), removed_(static_cast<size_t>(num_rows), 0) {}

  // Rejects input row `row`; `reason` names fields, never values. A second
  // reject or drop of the same row is ignored.
  void reject(int64_t row, const std::string& reason) {
    if (!mark(row)) return;
    rejected_.push_back({row, reason});
    if (host_ != nullptr && host_->reject != nullptr) {
      host_->reject(host_->ctx, row, reason.c_str());
    }
  }
  // Drops input row `row` on purpose.
  void drop(int64_t row) {
    if (!mark(row)) return;
    if (host_ != nullptr && host_->drop != nullptr) host_->drop(host_->ctx, row);
  }

  bool is_removed(int64_t row) const { return removed_.at(row) != 0; }
  int64_t removed_count() const noexcept { return removed_count_; }
  int64_t num_rows() const noexcept { return static_cast<int64_t>(removed_.size()); }
  // One byte per input row, non-zero when rejected or dropped.
  std::span<const uint8_t> removed_mask() const noexcept { return removed_; }
  const std::vector<RowReason>& rejected() const noexcept { return rejected_; }

 private:
  bool mark(int64_t row) {
    if (row < 0 || row >= num_rows()) {
      throw InternalError("rejected row " + std::to_string(row) + " is outside the batch");
    }
    if (removed_[static_cast<size_t>(row)]) return false;
    removed_[static_cast<size_t>(row)] = 1;
    ++removed_count_;
    return true;
  }

  const sluice_rejector* host_;
  std::vector<uint8_t> removed_;
  int64_t removed_count_ = 0;
  std::vector<RowReason> rejected_;
};

// How a sink tells the host that rows could never be written (reject) and
// that a write is durable (committed).
class Reporter {
 public:
  explicit Reporter(const sluice_sink_reporter* host = nullptr) : host_(host) {}

  // Row `row` of write `write_id` cannot be written; `reason` names the
  // column. Report before committing that write.
  void reject(uint64_t write_id, int64_t row, const std::string& reason) {
    rejected_.push_back({write_id, {row, reason}});
    if (host_ != nullptr && host_->reject != nullptr) {
      host_->reject(host_->ctx, write_id, row, reason.c_str());
    }
  }
  // Every row of `write_id` not rejected is durable. Once per write.
  void committed(uint64_t write_id) {
    committed_.push_back(write_id);
    if (host_ != nullptr && host_->committed != nullptr) {
      host_->committed(host_->ctx, write_id);
    }
  }

  const std::vector<uint64_t>& committed_writes() const noexcept { return committed_; }
  const std::vector<std::pair<uint64_t, RowReason>>& rejected() const noexcept { return rejected_; }

 private:
  const sluice_sink_reporter* host_;
  std::vector<uint64_t> committed_;
  std::vector<std::pair<uint64_t, RowReason>> rejected_;
};

}  // namespace sluice

#endif  // SLUICE_DETAIL_ROW_OUTCOMES_HPP
