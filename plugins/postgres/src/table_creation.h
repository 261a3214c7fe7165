// create_table: the DDL for a missing target table, from the batch's column
// kinds (string -> text, int64 -> bigint, float64 -> double precision,
// bool -> boolean, date -> date, timestamp -> timestamptz).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "column_plan.h"
#include "identifier.h"

namespace sluice::postgres {

// CREATE TABLE IF NOT EXISTS for the columns the batch would write: the
// mapped ones with `mapping`, all of them otherwise.
std::string create_table_statement(const TableName& table, const std::vector<BatchColumn>& batch,
                                   const std::optional<ColumnMapping>& mapping);

}  // namespace sluice::postgres
