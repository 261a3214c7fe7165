#include "sigv4.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <utility>
#include <vector>

#include <sluice/support/ascii.hpp>

#include "crypto.h"
#include "signing_key.h"
#include "uri_encoding.h"

namespace sluice::sqs {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Appends the value trimmed, each run of whitespace folded into one space.
void append_canonical_header_value(std::string& out, std::string_view value) {
  bool pending_space = false;
  bool started = false;
  for (char c : value) {
    if (is_space(c)) {
      pending_space = started;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    started = true;
    out.push_back(c);
  }
}

// Lowercase header name -> its values joined by ',' in the order they
// appear; sorted, as both the canonical headers and the signed names list them.
using GroupedHeaders = std::map<std::string, std::string>;

GroupedHeaders grouped_headers(const HttpHeaders& headers) {
  GroupedHeaders grouped;
  for (const auto& header : headers) {
    auto [it, inserted] = grouped.try_emplace(support::ascii_lowercase(header.name));
    if (!inserted) it->second.push_back(',');
    append_canonical_header_value(it->second, header.value);
  }
  return grouped;
}

std::string signed_names(const GroupedHeaders& grouped) {
  std::string names;
  for (const auto& [name, value] : grouped) {
    if (!names.empty()) names.push_back(';');
    names += name;
  }
  return names;
}

// The canonical request of a request whose headers are grouped already:
// sign_request needs the group twice, for this and for the signed names.
std::string canonical_request_of(std::string_view method, std::string_view path, std::string_view query,
                                 const GroupedHeaders& grouped, std::string_view signed_header_list,
                                 std::string_view payload) {
  std::string canonical;
  canonical.reserve(512);
  canonical.append(method).append("\n").append(canonical_uri(path)).append("\n");
  canonical.append(canonical_query(query)).append("\n");
  for (const auto& [name, value] : grouped) canonical.append(name).append(":").append(value).append("\n");
  canonical.append("\n").append(signed_header_list).append("\n").append(hex_encode(sha256(payload)));
  return canonical;
}

std::vector<std::string> normalized_segments(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = std::min(path.find('/', start), path.size());
    auto segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.emplace_back(segment);
    }
    start = end + 1;
  }
  return segments;
}

std::string date_part(std::string_view amz_date) { return std::string(amz_date.substr(0, 8)); }

}  // namespace

std::string SigningScope::to_string() const { return date + "/" + region + "/" + service + "/aws4_request"; }

std::string amz_timestamp(std::chrono::system_clock::time_point time) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[sizeof "20150830T123600Z"];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

// Removes empty, "." and ".." segments (RFC 3986 §5.2.4) and encodes each
// segment once more, as AWS requires for every service but S3.
std::string canonical_uri(std::string_view path) {
  auto segments = normalized_segments(path);
  std::string uri;
  for (const auto& segment : segments) uri += "/" + uri_encode(segment);
  if (uri.empty()) return "/";
  if (!path.empty() && path.back() == '/') uri.push_back('/');
  return uri;
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> parameters;
  std::size_t start = 0;
  while (start < query.size()) {
    auto end = std::min(query.find('&', start), query.size());
    auto parameter = query.substr(start, end - start);
    if (!parameter.empty()) {
      auto equals = std::min(parameter.find('='), parameter.size());
      auto value = equals < parameter.size() ? parameter.substr(equals + 1) : std::string_view();
      parameters.emplace_back(uri_encode(percent_decode(parameter.substr(0, equals))),
                              uri_encode(percent_decode(value)));
    }
    start = end + 1;
  }
  std::sort(parameters.begin(), parameters.end());
  std::string canonical;
  for (const auto& [name, value] : parameters) {
    if (!canonical.empty()) canonical.push_back('&');
    canonical += name + "=" + value;
  }
  return canonical;
}

std::string signed_header_names(const HttpHeaders& headers) { return signed_names(grouped_headers(headers)); }

std::string canonical_request(const SignableRequest& request) {
  auto grouped = grouped_headers(request.headers);
  return canonical_request_of(request.method, request.path, request.query, grouped, signed_names(grouped),
                              request.payload);
}

std::string string_to_sign(std::string_view canonical_request, std::string_view amz_date,
                           const SigningScope& scope) {
  return std::string(kAlgorithm) + "\n" + std::string(amz_date) + "\n" + scope.to_string() + "\n" +
         hex_encode(sha256(canonical_request));
}

std::string signature(std::string_view secret_access_key, const SigningScope& scope,
                      std::string_view string_to_sign) {
  auto key = signing_key(secret_access_key, scope);
  auto signature = hex_encode(hmac_sha256(as_bytes(key), string_to_sign));
  OPENSSL_cleanse(key.data(), key.size());
  return signature;
}

std::string authorization_header(std::string_view access_key_id, const SigningScope& scope,
                                 std::string_view signed_headers, std::string_view signature) {
  return std::string(kAlgorithm) + " Credential=" + std::string(access_key_id) + "/" + scope.to_string() +
         ", SignedHeaders=" + std::string(signed_headers) + ", Signature=" + std::string(signature);
}

void sign_request(HttpRequest& request, const AwsCredentials& credentials, std::string_view region,
                  std::string_view service, std::chrono::system_clock::time_point now) {
  auto amz_date = amz_timestamp(now);
  // A retried request is signed afresh: its old signature is not signed.
  remove_header(request.headers, "Authorization");
  set_header(request.headers, "Host", request.url.authority());
  set_header(request.headers, "X-Amz-Date", amz_date);
  if (!credentials.session_token.empty()) {
    set_header(request.headers, "X-Amz-Security-Token", credentials.session_token);
  }
  SigningScope scope{date_part(amz_date), std::string(region), std::string(service)};
  auto grouped = grouped_headers(request.headers);
  auto signed_headers = signed_names(grouped);
  auto to_sign = string_to_sign(canonical_request_of(request.method, request.url.path, request.url.query,
                                                     grouped, signed_headers, request.body),
                                amz_date, scope);
  request.headers.push_back(
      {"Authorization", authorization_header(credentials.access_key_id, scope, signed_headers,
                                             signature(credentials.secret_access_key, scope, to_sign))});
}

}  // namespace sluice::sqs
