// The parts of an http(s) URL that SQS needs: where to connect, what Host
// header to sign, which path to post to.
#pragma once

#include <string>
#include <string_view>

#include "error_kind.h"

namespace sluice::sqs {

struct Url {
  std::string scheme;  // "http" or "https", lowercase
  std::string host;    // lowercase; IPv6 literals keep their brackets
  int port = 0;        // 0 when the URL names none
  std::string path;    // begins with '/', "/" when the URL has none
  std::string query;   // without '?', may be empty

  // host[:port], the port only when it differs from the scheme's default:
  // what HTTP clients send as Host and therefore what SigV4 must sign.
  std::string authority() const;
  // scheme://authority, no path.
  std::string origin() const;
  // origin + path (+ ?query).
  std::string to_string() const;
};

// Accepts http:// and https:// URLs without user info or fragment. An
// invalid URL is quoted in the error through without_user_info().
Result<Url> parse_url(std::string_view text);

// The plugin's one redaction rule, for every message that may quote a URL
// (its own errors, libcurl's): "scheme://user:secret@host/..." becomes
// "scheme://host/...". The user info ends at the last '@' before the URL
// ends, so a password holding '/' or '@' goes with it.
std::string without_user_info(std::string_view text);

}  // namespace sluice::sqs
