// Converting one batch value into the COPY text of one table column, with
// the checks the server would make (range, length in characters, syntax),
// so that a value the column cannot take rejects its row, not the batch.
#pragma once

#include <optional>
#include <string>

#include "column_type.h"
#include "value.h"

namespace sluice::postgres {

// Whether values of `kind` can ever go into a column of `family`; checked
// once per batch schema. Strings can go anywhere and are checked per value.
bool can_convert(ValueKind kind, TypeFamily family);

// Appends `value`, converted for `type`, to `out` as one COPY text field.
// On failure returns why, naming neither the value nor the column (the
// caller adds the column); `out` may then hold a partial field.
std::optional<std::string> append_converted(std::string& out, const Value& value, const ColumnType& type);

}  // namespace sluice::postgres
