#include "url.h"

#include <algorithm>
#include <charconv>

#include <sluice/support/ascii.hpp>

namespace sluice::sqs {
namespace {

int default_port(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

Status bad_url(std::string_view text, std::string_view why) {
  return make_error(ErrorKind::kConfig, "invalid URL '" + without_user_info(text) + "': " + std::string(why));
}

bool ends_url(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\'' || c == '"' || c == '>'; }

// Splits "host[:port]" (host possibly a bracketed IPv6 literal).
Status parse_authority(std::string_view text, std::string_view authority, Url& url) {
  if (authority.empty()) return bad_url(text, "no host");
  if (authority.find('@') != std::string_view::npos) return bad_url(text, "user info is not supported");
  std::size_t port_colon = std::string_view::npos;
  if (authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return bad_url(text, "unterminated IPv6 literal");
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return bad_url(text, "junk after IPv6 literal");
      port_colon = close + 1;
    }
  } else {
    port_colon = authority.rfind(':');
  }
  url.host = support::ascii_lowercase(authority.substr(0, port_colon));
  if (url.host.empty()) return bad_url(text, "no host");
  if (port_colon == std::string_view::npos) return Status::success();
  auto digits = authority.substr(port_colon + 1);
  int port = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || port < 1 ||
      port > 65535) {
    return bad_url(text, "port must be a number in 1..65535");
  }
  url.port = port;
  return Status::success();
}

}  // namespace

std::string without_user_info(std::string_view text) {
  std::string out(text);
  for (size_t scheme = out.find("://"); scheme != std::string::npos; scheme = out.find("://", scheme + 3)) {
    size_t start = scheme + 3;
    size_t end = start;
    while (end < out.size() && !ends_url(out[end])) ++end;
    size_t at = end > start ? out.rfind('@', end - 1) : std::string::npos;
    if (at != std::string::npos && at >= start) out.erase(start, at + 1 - start);
  }
  return out;
}

std::string Url::authority() const {
  if (port == 0 || port == default_port(scheme)) return host;
  return host + ":" + std::to_string(port);
}

std::string Url::origin() const { return scheme + "://" + authority(); }

std::string Url::to_string() const { return origin() + path + (query.empty() ? "" : "?" + query); }

Result<Url> parse_url(std::string_view text) {
  auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return bad_url(text, "expected http:// or https://");
  Url url;
  url.scheme = support::ascii_lowercase(text.substr(0, scheme_end));
  if (url.scheme != "http" && url.scheme != "https") return bad_url(text, "expected http:// or https://");
  // Before anything else: a password with '/' in it would otherwise be
  // taken for a host and a path.
  if (without_user_info(text) != text) return bad_url(text, "user info is not supported");
  auto rest = text.substr(scheme_end + 3);
  if (rest.find('#') != std::string_view::npos) return bad_url(text, "fragments are not supported");
  auto authority_end = rest.find_first_of("/?");
  SLUICE_TRY(parse_authority(text, rest.substr(0, authority_end), url));
  auto target = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  auto query_start = target.find('?');
  url.path = std::string(target.substr(0, query_start));
  if (url.path.empty()) url.path = "/";
  if (query_start != std::string_view::npos) url.query = std::string(target.substr(query_start + 1));
  return url;
}

}  // namespace sluice::sqs
