#include "server_failure.h"

#include <array>
#include <string_view>

#include <pqxx/except>

namespace sluice::postgres {
namespace {

std::string sqlstate_of(const std::exception& error) {
  const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error);
  return sql != nullptr ? sql->sqlstate() : std::string();
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Classes 22 (data exception) and 23 (integrity constraint violation), and
// 54000 (e.g. a value too large for an index): the row's own fault.
bool is_row_data_state(const std::string& state) {
  return starts_with(state, "22") || starts_with(state, "23") || state == "54000";
}

// Connection exceptions, operator intervention (shutdown, restart, recovery),
// insufficient resources, serialization failures, deadlocks, lock timeouts.
bool is_transient_state(const std::string& state) {
  return starts_with(state, "08") || starts_with(state, "57P") || starts_with(state, "53") ||
         state == "40001" || state == "40P01" || state == "55P03" || state == "58030";
}

struct StateMeaning {
  std::string_view state;
  std::string_view meaning;
};

constexpr std::array kMeanings{
    StateMeaning{"22001", "value too long for the column"},
    StateMeaning{"22003", "numeric value out of range"},
    StateMeaning{"22007", "invalid date/time format"},
    StateMeaning{"22008", "date/time value out of range"},
    StateMeaning{"22021", "invalid byte sequence for the encoding"},
    StateMeaning{"22P02", "invalid input syntax"},
    StateMeaning{"23502", "NOT NULL violation"},
    StateMeaning{"23503", "foreign key violation"},
    StateMeaning{"23505", "unique violation"},
    StateMeaning{"23514", "check constraint violation"},
    StateMeaning{"23P01", "exclusion constraint violation"},
};

std::string meaning_of(const std::string& state) {
  for (const auto& entry : kMeanings) {
    if (entry.state == state) return std::string(entry.meaning);
  }
  if (starts_with(state, "23")) return "integrity constraint violation";
  if (starts_with(state, "22")) return "data exception";
  return "refused by the server";
}

std::string first_line(const char* text) {
  std::string_view view(text);
  view = view.substr(0, view.find('\n'));
  if (starts_with(view, "ERROR:  ")) view.remove_prefix(8);
  return std::string(view);
}

bool is_known(const std::string& name, const std::vector<std::string>& columns) {
  for (const auto& column : columns) {
    if (column == name) return true;
  }
  return false;
}

// The text between `opening` and the next `closing`, if `opening` occurs.
std::string between(std::string_view text, std::string_view opening, char closing) {
  size_t start = text.find(opening);
  if (start == std::string_view::npos) return {};
  start += opening.size();
  size_t end = text.find(closing, start);
  if (end == std::string_view::npos) return {};
  return std::string(text.substr(start, end - start));
}

// The column the server blames: `column "x"` in the message (NOT NULL) or
// `, column x:` in a COPY context. Only a name in `columns` is believed, so
// nothing else from the message can leak through.
std::string blamed_column(std::string_view message, const std::vector<std::string>& columns) {
  for (const auto& candidate : {between(message, "column \"", '"'), between(message, ", column ", ':')}) {
    if (!candidate.empty() && is_known(candidate, columns)) return candidate;
  }
  return {};
}

// Constraint names are schema, not data.
std::string blamed_constraint(std::string_view primary_message) {
  return between(primary_message, "constraint \"", '"');
}

// libpq's words for a connection the server or libpq refuses for good: a
// bad DSN, credentials or database, or SSL demanded from a server without
// it. Waiting does not fix these, so the sink stops at once instead.
bool is_refused_for_good(std::string_view message) {
  static constexpr std::array kMarkers{
      std::string_view("authentication failed"),
      std::string_view("does not exist"),
      std::string_view("invalid connection option"),
      std::string_view("invalid URI"),
      std::string_view("invalid sslmode value"),
      std::string_view("does not support SSL"),
      std::string_view("no pg_hba.conf entry"),
      std::string_view("missing \"=\""),
      std::string_view("invalid integer value"),
      std::string_view("invalid port number"),
      std::string_view("no password supplied"),
      std::string_view("password authentication"),
      std::string_view("invalid percent-encoded token"),
      std::string_view("in connection info string"),
      std::string_view("in URI"),
      std::string_view("forbidden value"),
  };
  for (auto marker : kMarkers) {
    if (message.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

FailureClass classify_failure(const std::exception& error, bool connection_open) {
  if (dynamic_cast<const pqxx::broken_connection*>(&error) != nullptr) {
    return is_refused_for_good(error.what()) ? FailureClass::kRefused : FailureClass::kTransient;
  }
  if (dynamic_cast<const pqxx::in_doubt_error*>(&error) != nullptr) {
    return FailureClass::kTransient;
  }
  std::string state = sqlstate_of(error);
  if (is_row_data_state(state)) return FailureClass::kRowData;
  if (is_transient_state(state) || !connection_open) return FailureClass::kTransient;
  return FailureClass::kFatal;
}

bool lost_creation_race(const std::exception& error) {
  std::string state = sqlstate_of(error);
  return state == "23505" || state == "42P07" || state == "42710";
}

std::string describe_failure(const std::exception& error) {
  std::string state = sqlstate_of(error);
  if (is_row_data_state(state)) return meaning_of(state) + " (SQLSTATE " + state + ")";
  std::string message = first_line(error.what());
  if (!state.empty()) message += " (SQLSTATE " + state + ")";
  return message;
}

std::string server_rejection_reason(const std::exception& error, const std::vector<std::string>& columns) {
  std::string state = sqlstate_of(error);
  std::string message = error.what();
  std::string reason;
  if (std::string column = blamed_column(message, columns); !column.empty()) {
    reason = "column " + column + ": ";
  }
  reason += meaning_of(state);
  if (std::string constraint = blamed_constraint(first_line(message.c_str())); !constraint.empty()) {
    reason += " (constraint " + constraint + ")";
  }
  if (!state.empty()) reason += " (SQLSTATE " + state + ")";
  return reason;
}

}  // namespace sluice::postgres
