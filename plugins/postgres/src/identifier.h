// SQL identifiers: every table and column name the sink puts into a
// statement goes through quote_identifier, so names are never SQL.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sluice::postgres {

// "name" with embedded double quotes doubled; case is kept as written.
std::string quote_identifier(std::string_view name);

// A table as the `table` option names it: `name` or `schema.name`, taken
// literally (no case folding). Without a schema the server's search_path
// decides.
struct TableName {
  std::optional<std::string> schema;
  std::string name;

  static TableName parse(std::string_view option);
  std::string quoted() const;
  // schema.name as written, for messages and the ledger key.
  std::string display() const;
};

}  // namespace sluice::postgres
