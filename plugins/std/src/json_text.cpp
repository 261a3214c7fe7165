#include "json_text.h"

#include <charconv>
#include <cmath>

namespace sluice::standard {

void append_json_int(std::string& out, int64_t value) {
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)ec;
  out.append(buffer, end);
}

void append_json_double(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)ec;
  const std::string_view text(buffer, static_cast<size_t>(end - buffer));
  out += text;
  // Keep a float recognisable as one: 2.0 is written "2.0", not "2".
  if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

}  // namespace sluice::standard
