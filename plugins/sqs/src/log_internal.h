// How the library reports what it does: a callback the plugin glue routes
// to the host's logger. Messages name fields and ids, never bodies.
#pragma once

#include <functional>
#include <string>

namespace sluice::sqs {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

// Must be callable from any thread.
using Logger = std::function<void(LogLevel level, const std::string& message)>;

// Adds `amount` to the counter `name` (snake_case); may be empty.
using Counter = std::function<void(const char* name, double amount)>;

}  // namespace sluice::sqs
