// The target table's columns as the server's catalog describes them, read
// once at start (and again after the sink creates the table).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/transaction_base>

#include "column_type.h"
#include "identifier.h"

namespace sluice::postgres {

struct TableColumn {
  std::string name;
  ColumnType type;
  bool not_null = false;
  bool generated = false;  // GENERATED ALWAYS AS (...) STORED: cannot be written
};

class TableSchema {
 public:
  explicit TableSchema(std::vector<TableColumn> columns) : columns_(std::move(columns)) {}

  const TableColumn* find(std::string_view name) const;
  const std::vector<TableColumn>& columns() const { return columns_; }

 private:
  std::vector<TableColumn> columns_;
};

// The columns of `table`, or nullopt when no such table is visible.
// Throws pqxx exceptions when the server cannot answer.
std::optional<TableSchema> load_table_schema(pqxx::transaction_base& tx, const TableName& table);

}  // namespace sluice::postgres
