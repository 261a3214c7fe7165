#include "value.h"

namespace sluice::postgres {

std::string_view value_kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::kNull: return "null";
    case ValueKind::kText: return "string";
    case ValueKind::kInt64: return "int64";
    case ValueKind::kFloat64: return "float64";
    case ValueKind::kBoolean: return "bool";
    case ValueKind::kDate: return "date";
    case ValueKind::kTimestamp: return "timestamp";
  }
  return "unknown";
}

}  // namespace sluice::postgres
