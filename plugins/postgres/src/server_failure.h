// What a failed statement means for the sink: a row's data the server
// refuses (isolate the row), a connection or server problem (reconnect and
// retry), a connection refused for good (a configuration error: stop at
// once), or anything else (stop). And how to say so without quoting data:
// the server's data-error messages and contexts contain the values.
#pragma once

#include <exception>
#include <string>
#include <vector>

namespace sluice::postgres {

enum class FailureClass {
  kRowData,
  kTransient,
  // libpq or the server refuses the connection as configured: a malformed
  // DSN, wrong or missing credentials, a database or role that does not
  // exist, SSL the server lacks. Waiting cannot fix these.
  kRefused,
  kFatal,
};

// `connection_open`: whether the connection is still usable afterwards; a
// failure that closed it is always worth a retry on a new one.
FailureClass classify_failure(const std::exception& error, bool connection_open);

// CREATE ... IF NOT EXISTS run by two sessions at once: the slower one
// fails on the catalog's unique index although the object now exists.
bool lost_creation_race(const std::exception& error);

// For logs and error statuses: the first line of the server's message, or
// for data errors only their SQLSTATE. Callers pass it through redact()
// (redaction.h): a connection error may quote parts of the DSN.
std::string describe_failure(const std::exception& error);

// For a row the server refused on its own: the SQLSTATE's meaning, the
// column when the error names one of `columns`, the constraint when it
// names one; never the value.
std::string server_rejection_reason(const std::exception& error, const std::vector<std::string>& columns);

}  // namespace sluice::postgres
