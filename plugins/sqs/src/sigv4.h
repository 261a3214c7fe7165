// AWS Signature Version 4 (header-based), as published in AWS's "Create a
// signed AWS API request" and checked against AWS's SigV4 test suite.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "aws_credentials.h"
#include "http_message.h"

namespace sluice::sqs {

// Where a signature is valid: one day, one region, one service.
struct SigningScope {
  std::string date;  // YYYYMMDD
  std::string region;
  std::string service;

  std::string to_string() const;  // date/region/service/aws4_request
};

// The parts of a request that SigV4 covers.
struct SignableRequest {
  std::string method;
  std::string path;     // as sent on the wire
  std::string query;    // as sent on the wire, without '?'
  HttpHeaders headers;  // exactly the headers to sign
  std::string_view payload;
};

// "20150830T123600Z", the X-Amz-Date format.
std::string amz_timestamp(std::chrono::system_clock::time_point time);

std::string canonical_uri(std::string_view path);
std::string canonical_query(std::string_view query);
std::string canonical_request(const SignableRequest& request);
// "content-type;host;x-amz-date": lowercase, sorted, de-duplicated.
std::string signed_header_names(const HttpHeaders& headers);
std::string string_to_sign(std::string_view canonical_request, std::string_view amz_date,
                           const SigningScope& scope);
std::string signature(std::string_view secret_access_key, const SigningScope& scope,
                      std::string_view string_to_sign);
std::string authorization_header(std::string_view access_key_id, const SigningScope& scope,
                                 std::string_view signed_headers, std::string_view signature);

// Adds Host, X-Amz-Date, X-Amz-Security-Token (when the credentials have a
// session token) and Authorization to `request`, signing every header it
// then carries.
void sign_request(HttpRequest& request, const AwsCredentials& credentials, std::string_view region,
                  std::string_view service, std::chrono::system_clock::time_point now);

}  // namespace sluice::sqs
