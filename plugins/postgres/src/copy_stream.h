// Sends ready-made COPY text lines into a table within a transaction.
#pragma once

#include <string>
#include <string_view>

#include <pqxx/transaction_base>

namespace sluice::postgres {

// Runs COPY `quoted_table` (`quoted_columns`) FROM STDIN with `lines` (each
// terminated by '\n') as its data. Throws the server's error, e.g. for a
// value it refuses.
void copy_lines(pqxx::transaction_base& tx, const std::string& quoted_table,
                const std::string& quoted_columns, std::string_view lines);

}  // namespace sluice::postgres
