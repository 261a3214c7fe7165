#include "sigv4.h"

#include <gtest/gtest.h>

#include <chrono>

namespace sluice::sqs {
namespace {

using namespace std::chrono;

// 2015-08-30T12:36:00Z, the instant of AWS's SigV4 test suite.
const system_clock::time_point kSuiteTime = sys_days{2015y / August / 30} + 12h + 36min;

const AwsCredentials kSuiteCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"};

HttpRequest suite_post() {
  HttpRequest request;
  request.method = "POST";
  request.url = *parse_url("https://example.amazonaws.com/");
  return request;
}

TEST(SigV4, FormatsTheAmzDate) { EXPECT_EQ(amz_timestamp(kSuiteTime), "20150830T123600Z"); }

TEST(SigV4, SignRequestMatchesTheSuitesPostVanilla) {
  auto request = suite_post();
  sign_request(request, kSuiteCredentials, "us-east-1", "service", kSuiteTime);
  ASSERT_NE(find_header(request.headers, "authorization"), nullptr);
  EXPECT_EQ(*find_header(request.headers, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
  EXPECT_EQ(*find_header(request.headers, "host"), "example.amazonaws.com");
  EXPECT_EQ(*find_header(request.headers, "x-amz-date"), "20150830T123600Z");
}

TEST(SigV4, SignsTheSessionTokenAsTheSuitesStsHeaderBeforeCase) {
  AwsCredentials temporary = kSuiteCredentials;
  temporary.session_token =
      "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTf"
      "lfKD8YUuwthAx7mSEI/qkPpKPi/"
      "kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlR"
      "d8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+"
      "scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iS"
      "IlTJabIQwj2ICCR/oLxBA==";
  auto request = suite_post();
  sign_request(request, temporary, "us-east-1", "service", kSuiteTime);
  EXPECT_EQ(*find_header(request.headers, "x-amz-security-token"), temporary.session_token);
  EXPECT_EQ(*find_header(request.headers, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date;x-amz-security-token, "
            "Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead");
}

TEST(SigV4, SignsTheHostWithItsNonDefaultPort) {
  HttpRequest request;
  request.url = *parse_url("http://127.0.0.1:4566/000000000000/q");
  sign_request(request, kSuiteCredentials, "us-east-1", "sqs", kSuiteTime);
  EXPECT_EQ(*find_header(request.headers, "host"), "127.0.0.1:4566");
}

TEST(SigV4, ResigningReplacesThePreviousSignatureHeaders) {
  auto request = suite_post();
  sign_request(request, kSuiteCredentials, "us-east-1", "service", kSuiteTime);
  sign_request(request, kSuiteCredentials, "us-east-1", "service", kSuiteTime + 5s);
  int authorizations = 0;
  for (const auto& header : request.headers) authorizations += header.name == "Authorization";
  EXPECT_EQ(authorizations, 1);
  EXPECT_EQ(*find_header(request.headers, "x-amz-date"), "20150830T123605Z");
  // The old Authorization must not be signed into the new one.
  EXPECT_NE(find_header(request.headers, "authorization")->find("SignedHeaders=host;x-amz-date,"),
            std::string::npos);
}

TEST(SigV4, CanonicalUriEncodesAlreadyEncodedPathsAgain) {
  // Services other than S3 sign the wire path encoded once more.
  EXPECT_EQ(canonical_uri("/a%20b"), "/a%2520b");
  EXPECT_EQ(canonical_uri(""), "/");
}

TEST(SigV4, CanonicalQueryDecodesBeforeEncodingAndSortsByNameThenValue) {
  EXPECT_EQ(canonical_query("b=2&a=%7e&a=1&flag"), "a=1&a=~&b=2&flag=");
}

}  // namespace
}  // namespace sluice::sqs
