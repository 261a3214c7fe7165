// The one rule for everything the sink says that may carry its DSN or what
// libpq said about it (logs, error statuses, validate's report): the DSN's
// password never appears, URL user info is stripped, `password=` values are
// masked, and a DSN that libpq cannot parse is never quoted, not even in
// part. Every message built from a libpq or libpqxx error passes through
// redact() before it is logged or returned.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sluice::postgres {

// `message` with every secret `dsn` may have put in it replaced by "***",
// URL user info removed, and (when `dsn` does not parse) every quoted
// fragment longer than one character replaced by "…".
std::string redact(std::string_view message, std::string_view dsn);

// Why libpq cannot parse `dsn` (PQconninfoParse), redacted; nullopt when
// it parses.
std::optional<std::string> dsn_parse_error(std::string_view dsn);

// The DSN as libpq parses it, for logs: host, port, dbname and user when it
// names them, never the password; "" when it names none of them or does
// not parse.
std::string describe_dsn(std::string_view dsn);

}  // namespace sluice::postgres
