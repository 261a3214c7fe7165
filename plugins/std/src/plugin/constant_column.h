// The values of the `fields` transform's `set` option: a constant string,
// integer, float or boolean, or the words `today` (the UTC date, date32)
// and `now` (the time, timestamp), taken once per batch.
#pragma once

#include <sluice/plugin.hpp>

#include <chrono>
#include <string>
#include <variant>

namespace sluice::standard {

struct Today {};
struct Now {};
using Constant = std::variant<std::string, int64_t, double, bool, Today, Now>;

// Reads one `set` value; throws ConfigError naming `option` for a value of
// another kind (null, list, object).
Constant constant_from(const nlohmann::json& value, const std::string& option);

// A column named `name` of `rows` copies of `value`.
sluice::Column constant_column(const std::string& name, const Constant& value, int64_t rows,
                               std::chrono::system_clock::time_point now);

}  // namespace sluice::standard
