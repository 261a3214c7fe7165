#include "column_type.h"

#include <array>
#include <utility>

namespace sluice::postgres {
namespace {

// PostgreSQL stores a type modifier with the 4-byte varlena header added.
constexpr int32_t kVarlenaHeader = 4;

struct NamedFamily {
  std::string_view type_name;
  TypeFamily family;
};

constexpr std::array kFamilies{
    NamedFamily{"int2", TypeFamily::kSmallint},
    NamedFamily{"int4", TypeFamily::kInteger},
    NamedFamily{"int8", TypeFamily::kBigint},
    NamedFamily{"numeric", TypeFamily::kNumeric},
    NamedFamily{"float4", TypeFamily::kReal},
    NamedFamily{"float8", TypeFamily::kDouble},
    NamedFamily{"bool", TypeFamily::kBoolean},
    NamedFamily{"text", TypeFamily::kText},
    NamedFamily{"varchar", TypeFamily::kVarchar},
    NamedFamily{"bpchar", TypeFamily::kChar},
    NamedFamily{"date", TypeFamily::kDate},
    NamedFamily{"timestamp", TypeFamily::kTimestamp},
    NamedFamily{"timestamptz", TypeFamily::kTimestamptz},
};

TypeFamily family_of(std::string_view type_name) {
  for (const auto& entry : kFamilies) {
    if (entry.type_name == type_name) return entry.family;
  }
  return TypeFamily::kOther;
}

}  // namespace

ColumnType ColumnType::from_catalog(std::string_view type_name, int32_t type_modifier, std::string sql_name) {
  ColumnType type;
  type.family = family_of(type_name);
  type.sql_name = std::move(sql_name);
  if (type_modifier < kVarlenaHeader) return type;
  int32_t modifier = type_modifier - kVarlenaHeader;
  if (type.family == TypeFamily::kVarchar || type.family == TypeFamily::kChar) {
    type.max_chars = modifier;
  } else if (type.family == TypeFamily::kNumeric) {
    type.precision = (modifier >> 16) & 0xFFFF;
    // The scale is an 11-bit two's-complement field (negative since PG 15).
    int32_t scale = modifier & 0x7FF;
    type.scale = (scale ^ 0x400) - 0x400;
  }
  return type;
}

bool is_integer_family(TypeFamily family) {
  return family == TypeFamily::kSmallint || family == TypeFamily::kInteger || family == TypeFamily::kBigint;
}

bool is_character_family(TypeFamily family) {
  return family == TypeFamily::kText || family == TypeFamily::kVarchar || family == TypeFamily::kChar;
}

}  // namespace sluice::postgres
