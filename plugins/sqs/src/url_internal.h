// The parts of an http(s) URL that SQS needs: where to connect, what Host
// header to sign, which path to post to.
#pragma once

#include <string>
#include <string_view>

#include "result_internal.h"

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

// Accepts http:// and https:// URLs without user info or fragment.
Result<Url> parse_url(std::string_view text);

}  // namespace sluice::sqs
