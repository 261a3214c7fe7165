#include "table_schema.h"

#include <pqxx/result>

namespace sluice::postgres {
namespace {

// Domains are described by their base type: the conversions that apply are
// the base type's; the domain's own constraints are the server's to check.
constexpr const char* kColumnsQuery = R"sql(
SELECT a.attname,
       base.typname,
       CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END,
       format_type(a.atttypid, a.atttypmod),
       a.attnotnull,
       a.attgenerated <> ''
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
JOIN pg_catalog.pg_type base
  ON base.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum)sql";

}  // namespace

const TableColumn* TableSchema::find(std::string_view name) const {
  for (const auto& column : columns_) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

std::optional<TableSchema> load_table_schema(pqxx::transaction_base& tx, const TableName& table) {
  // to_regclass resolves the quoted name through search_path and gives NULL,
  // not an error, for a missing table.
  pqxx::result exists = tx.exec_params("SELECT to_regclass($1) IS NOT NULL", table.quoted());
  if (!exists[0][0].as<bool>()) return std::nullopt;

  std::vector<TableColumn> columns;
  for (const auto& row : tx.exec_params(kColumnsQuery, table.quoted())) {
    TableColumn column;
    column.name = row[0].as<std::string>();
    column.type =
        ColumnType::from_catalog(row[1].as<std::string>(), row[2].as<int32_t>(), row[3].as<std::string>());
    column.not_null = row[4].as<bool>();
    column.generated = row[5].as<bool>();
    columns.push_back(std::move(column));
  }
  return TableSchema(std::move(columns));
}

}  // namespace sluice::postgres
