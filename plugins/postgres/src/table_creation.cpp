#include "table_creation.h"

namespace sluice::postgres {
namespace {

const char* sql_type_for(ValueKind kind) {
  switch (kind) {
    case ValueKind::kInt64: return "bigint";
    case ValueKind::kFloat64: return "double precision";
    case ValueKind::kBoolean: return "boolean";
    case ValueKind::kDate: return "date";
    case ValueKind::kTimestamp: return "timestamptz";
    case ValueKind::kNull:
    case ValueKind::kText: return "text";
  }
  return "text";
}

std::string column_definition(const std::string& name, ValueKind kind) {
  return quote_identifier(name) + " " + sql_type_for(kind);
}

}  // namespace

std::string create_table_statement(const TableName& table, const std::vector<BatchColumn>& batch,
                                   const std::optional<ColumnMapping>& mapping) {
  std::string definitions;
  auto add = [&definitions](const std::string& definition) {
    if (!definitions.empty()) definitions += ", ";
    definitions += definition;
  };
  if (mapping) {
    for (const auto& [batch_name, table_name] : *mapping) {
      for (const auto& column : batch) {
        if (column.name == batch_name) add(column_definition(table_name, column.kind));
      }
    }
  } else {
    for (const auto& column : batch) add(column_definition(column.name, column.kind));
  }
  return "CREATE TABLE IF NOT EXISTS " + table.quoted() + " (" + definitions + ")";
}

}  // namespace sluice::postgres
