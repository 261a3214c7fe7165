// Which batch column goes into which table column: from the `columns`
// option, or by equal names. Decided once per batch schema, where the
// type compatibility of each pair is checked too.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <sluice/support/status.hpp>

#include "table_schema.h"
#include "value.h"

namespace sluice::postgres {

// batch column -> table column, as the `columns` option lists them.
using ColumnMapping = std::vector<std::pair<std::string, std::string>>;

struct BatchColumn {
  std::string name;
  ValueKind kind;
};

struct PlannedColumn {
  size_t batch_index;
  TableColumn target;
};

struct ColumnPlan {
  std::vector<PlannedColumn> columns;      // in COPY order
  std::optional<size_t> message_id_index;  // exactly_once: the batch column with the id
  std::vector<std::string> unwritten;      // batch columns that go nowhere
};

// At start: every table column `mapping` names exists and can be written.
support::Status check_mapping_targets(const ColumnMapping& mapping, const TableSchema& table,
                                      const std::string& table_display);

// For a batch with `batch` columns. `message_id_column` is set with
// exactly_once. Fails (kConfig) naming every column that does not fit.
support::Result<ColumnPlan> plan_columns(const std::vector<BatchColumn>& batch, const TableSchema& table,
                                         const std::optional<ColumnMapping>& mapping,
                                         const std::optional<std::string>& message_id_column,
                                         const std::string& table_display);

}  // namespace sluice::postgres
