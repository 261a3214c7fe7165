// What the sink needs to know about a table column's type to convert values
// into it: its family and the limits its type modifier sets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::postgres {

enum class TypeFamily {
  kSmallint,
  kInteger,
  kBigint,
  kNumeric,
  kReal,
  kDouble,
  kBoolean,
  kText,     // text and other unbounded character types
  kVarchar,  // varchar(N); unbounded when max_chars is unset
  kChar,     // char(N)
  kDate,
  kTimestamp,
  kTimestamptz,
  kOther,  // anything else: sent as text, the server validates it
};

struct ColumnType {
  TypeFamily family = TypeFamily::kOther;
  // varchar(N) / char(N): N, in characters.
  std::optional<int32_t> max_chars;
  // numeric(P, S): P and S.
  std::optional<int32_t> precision;
  int32_t scale = 0;
  // The type as SQL spells it (format_type), for messages and DDL.
  std::string sql_name;

  // From pg_type.typname of the column's base type and pg_attribute.atttypmod.
  static ColumnType from_catalog(std::string_view type_name, int32_t type_modifier, std::string sql_name);
};

bool is_integer_family(TypeFamily family);
bool is_character_family(TypeFamily family);

}  // namespace sluice::postgres
