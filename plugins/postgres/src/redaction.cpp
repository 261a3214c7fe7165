#include "redaction.h"

#include <algorithm>
#include <array>
#include <memory>
#include <vector>

#include <libpq-fe.h>

namespace sluice::postgres {
namespace {

constexpr std::string_view kMask = "***";

struct OptionsFree {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};
using ParsedOptions = std::unique_ptr<PQconninfoOption, OptionsFree>;

// libpq's own reading of the DSN; the error (libpq's words) when it fails.
ParsedOptions parse(std::string_view dsn, std::string* error) {
  char* message = nullptr;
  ParsedOptions options(PQconninfoParse(std::string(dsn).c_str(), &message));
  if (message != nullptr) {
    if (error != nullptr) *error = message;
    PQfreemem(message);
  }
  return options;
}

bool is_secret_keyword(std::string_view keyword) { return keyword == "password" || keyword == "sslpassword"; }

// The password as written in a URI's user info ("user:secret@"): libpq
// reports the raw, still percent-encoded text.
std::optional<std::string> raw_uri_password(std::string_view dsn) {
  size_t scheme = dsn.find("://");
  if (scheme == std::string_view::npos) return std::nullopt;
  size_t start = scheme + 3;
  size_t at = dsn.rfind('@');
  if (at == std::string_view::npos || at < start) return std::nullopt;
  size_t colon = dsn.find(':', start);
  if (colon == std::string_view::npos || colon > at) return std::nullopt;
  return std::string(dsn.substr(colon + 1, at - colon - 1));
}

// Every text `dsn` holds that is a secret, longest first (so that a
// secret containing another is masked whole).
std::vector<std::string> secrets_of(std::string_view dsn, bool* parses) {
  std::vector<std::string> secrets;
  ParsedOptions options = parse(dsn, nullptr);
  *parses = options != nullptr;
  for (PQconninfoOption* option = options.get(); option && option->keyword; ++option) {
    if (option->val != nullptr && *option->val != '\0' && is_secret_keyword(option->keyword)) {
      secrets.emplace_back(option->val);
    }
  }
  if (std::optional<std::string> raw = raw_uri_password(dsn); raw && !raw->empty()) {
    secrets.push_back(*raw);
  }
  std::sort(secrets.begin(), secrets.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return secrets;
}

void replace_all(std::string& text, std::string_view secret) {
  for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + kMask.size())) {
    text.replace(at, secret.size(), kMask);
  }
}

bool ends_url(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\''; }

// "scheme://user:secret@host" -> "scheme://host". The user info ends at the
// last '@' before the URL ends, so a password with '/' or '@' in it goes too.
void strip_user_info(std::string& text) {
  for (size_t scheme = text.find("://"); scheme != std::string::npos; scheme = text.find("://", scheme + 3)) {
    size_t start = scheme + 3;
    size_t end = start;
    while (end < text.size() && !ends_url(text[end])) ++end;
    size_t at = text.rfind('@', end == 0 ? 0 : end - 1);
    if (at != std::string::npos && at >= start && at < end) text.erase(start, at + 1 - start);
  }
}

// "password=secret" and "password = 'se cret'" in conninfo text -> "password=***".
void mask_password_keywords(std::string& text) {
  for (std::string_view keyword : {std::string_view("password"), std::string_view("sslpassword")}) {
    for (size_t at = text.find(keyword); at != std::string::npos; at = text.find(keyword, at + 1)) {
      size_t eq = at + keyword.size();
      while (eq < text.size() && text[eq] == ' ') ++eq;
      if (eq >= text.size() || text[eq] != '=') continue;
      size_t value = eq + 1;
      while (value < text.size() && text[value] == ' ') ++value;
      size_t end = value;
      if (end < text.size() && text[end] == '\'') {
        for (++end; end < text.size() && text[end] != '\''; ++end) {
          if (text[end] == '\\') ++end;
        }
        if (end < text.size()) ++end;
      } else {
        while (end < text.size() && text[end] != ' ' && text[end] != '"' && text[end] != '\n') ++end;
      }
      text.replace(value, std::min(end, text.size()) - value, kMask);
    }
  }
}

// libpq quotes the offending part of a DSN it cannot parse: a password
// fragment or the whole URI. One character ("=", "]") tells nothing.
void mask_quoted_fragments(std::string& text) {
  size_t open = text.find('"');
  while (open != std::string::npos) {
    size_t close = text.find('"', open + 1);
    if (close == std::string::npos) {
      text.replace(open + 1, std::string::npos, "…\"");
      return;
    }
    if (close - open - 1 > 1) {
      text.replace(open + 1, close - open - 1, "…");
      close = open + 1 + std::string_view("…").size();
    }
    open = text.find('"', close + 1);
  }
}

std::string first_line(std::string_view text) {
  text = text.substr(0, text.find('\n'));
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

std::string redact(std::string_view message, std::string_view dsn) {
  std::string text(message);
  bool parses = false;
  for (const std::string& secret : secrets_of(dsn, &parses)) replace_all(text, secret);
  if (!parses) mask_quoted_fragments(text);
  strip_user_info(text);
  mask_password_keywords(text);
  return text;
}

std::optional<std::string> dsn_parse_error(std::string_view dsn) {
  std::string error;
  if (parse(dsn, &error) != nullptr) return std::nullopt;
  if (error.empty()) error = "libpq cannot parse it";
  return "the DSN is not a valid libpq connection string or URI (" + redact(first_line(error), dsn) +
         "); it is not shown because it may hold a password";
}

std::string describe_dsn(std::string_view dsn) {
  ParsedOptions options = parse(dsn, nullptr);
  if (options == nullptr) return "";
  static constexpr std::array kShown{std::string_view("host"), std::string_view("hostaddr"),
                                     std::string_view("port"), std::string_view("dbname"),
                                     std::string_view("user")};
  std::string described;
  for (std::string_view shown : kShown) {
    for (PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
      if (shown != option->keyword || option->val == nullptr || *option->val == '\0') continue;
      if (!described.empty()) described += ' ';
      described += std::string(shown) + "=" + option->val;
    }
  }
  return redact(described, dsn);
}

}  // namespace sluice::postgres
