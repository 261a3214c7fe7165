// Writing JSON numbers in their shortest round-trip form (strings come from
// sluice/support/json_text.hpp).
#pragma once

#include <cstdint>
#include <string>

namespace sluice::standard {

void append_json_int(std::string& out, int64_t value);

// Shortest text that reads back as `value`, with ".0" added to whole
// numbers; NaN and infinities (which JSON cannot express) become null.
void append_json_double(std::string& out, double value);

}  // namespace sluice::standard
