#include "column_plan.h"

#include "value_conversion.h"

namespace sluice::postgres {
namespace {

std::string join(const std::vector<std::string>& parts) {
  std::string joined;
  for (const auto& part : parts) {
    if (!joined.empty()) joined += "; ";
    joined += part;
  }
  return joined;
}

std::optional<size_t> find_batch_column(const std::vector<BatchColumn>& batch, const std::string& name) {
  for (size_t i = 0; i < batch.size(); ++i) {
    if (batch[i].name == name) return i;
  }
  return std::nullopt;
}

// Why `column` cannot receive values of `kind`, if it cannot.
std::optional<std::string> unfit_target(const std::string& batch_name, ValueKind kind,
                                        const TableColumn& column) {
  if (column.generated) return "column " + column.name + " is generated and cannot be written";
  if (!can_convert(kind, column.type.family)) {
    return "batch column " + batch_name + " (" + std::string(value_kind_name(kind)) +
           ") cannot go into column " + column.name + " (" + column.type.sql_name + ")";
  }
  return std::nullopt;
}

// Pairs (batch index, table column name) the plan should write.
std::vector<std::pair<size_t, std::string>> wanted_pairs(const std::vector<BatchColumn>& batch,
                                                         const TableSchema& table,
                                                         const std::optional<ColumnMapping>& mapping,
                                                         std::vector<std::string>& problems) {
  std::vector<std::pair<size_t, std::string>> pairs;
  if (mapping) {
    for (const auto& [batch_name, table_name] : *mapping) {
      std::optional<size_t> index = find_batch_column(batch, batch_name);
      if (!index) {
        problems.push_back("columns maps batch column " + batch_name + ", which the batch does not have");
        continue;
      }
      pairs.emplace_back(*index, table_name);
    }
    return pairs;
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    if (table.find(batch[i].name) != nullptr) pairs.emplace_back(i, batch[i].name);
  }
  return pairs;
}

}  // namespace

support::Status check_mapping_targets(const ColumnMapping& mapping, const TableSchema& table,
                                      const std::string& table_display) {
  std::vector<std::string> problems;
  for (const auto& [batch_name, table_name] : mapping) {
    const TableColumn* column = table.find(table_name);
    if (column == nullptr) {
      problems.push_back("table " + table_display + " has no column " + table_name + " (mapped from " +
                         batch_name + ")");
    } else if (column->generated) {
      problems.push_back("column " + table_name + " is generated and cannot be written");
    }
  }
  if (problems.empty()) return support::Status::success();
  return support::config_error(join(problems));
}

support::Result<ColumnPlan> plan_columns(const std::vector<BatchColumn>& batch, const TableSchema& table,
                                         const std::optional<ColumnMapping>& mapping,
                                         const std::optional<std::string>& message_id_column,
                                         const std::string& table_display) {
  std::vector<std::string> problems;
  ColumnPlan plan;
  std::vector<bool> written(batch.size(), false);
  for (const auto& [index, table_name] : wanted_pairs(batch, table, mapping, problems)) {
    const TableColumn* column = table.find(table_name);
    if (column == nullptr) {
      problems.push_back("table " + table_display + " has no column " + table_name);
    } else if (auto why = unfit_target(batch[index].name, batch[index].kind, *column)) {
      problems.push_back(*why);
    } else {
      plan.columns.push_back({index, *column});
      written[index] = true;
    }
  }
  if (message_id_column) {
    plan.message_id_index = find_batch_column(batch, *message_id_column);
    if (!plan.message_id_index) {
      problems.push_back("exactly_once needs the message id column " + *message_id_column +
                         ", which the batch does not have");
    }
  }
  if (problems.empty() && plan.columns.empty()) {
    problems.push_back("no batch column matches a column of table " + table_display);
  }
  if (!problems.empty()) return support::config_error(join(problems));
  for (size_t i = 0; i < batch.size(); ++i) {
    bool is_message_id = plan.message_id_index && *plan.message_id_index == i;
    if (!written[i] && !is_message_id) plan.unwritten.push_back(batch[i].name);
  }
  return plan;
}

}  // namespace sluice::postgres
