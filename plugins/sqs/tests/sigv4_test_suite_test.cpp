// Reproduces every case of AWS's published SigV4 test suite: for each raw
// request (.req) the canonical request (.creq), string to sign (.sts) and
// Authorization header (.authz) must come out byte for byte.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sigv4.h"

namespace sluice::sqs {
namespace {

namespace fs = std::filesystem;

// Credentials and scope the whole suite is signed with (its README).
constexpr char kAccessKeyId[] = "AKIDEXAMPLE";
constexpr char kSecretAccessKey[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr char kAmzDate[] = "20150830T123600Z";

const fs::path kSuiteDir = fs::path(SQS_TEST_DATA_DIR) / "aws-sig-v4-test-suite";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

struct SuiteRequest {
  std::string method;
  std::string target;
  HttpHeaders headers;
  std::string body;
};

// The suite's .req files are raw HTTP/1.1 requests with "\n" line ends; a
// line starting with whitespace continues the previous header as another
// value (obs-fold), which SigV4 joins with commas.
SuiteRequest parse_request(const std::string& raw) {
  SuiteRequest request;
  std::istringstream lines(raw);
  std::string line;
  std::getline(lines, line);
  request.method = line.substr(0, line.find(' '));
  auto target_end = line.rfind(' ');
  request.target = line.substr(request.method.size() + 1, target_end - request.method.size() - 1);
  while (std::getline(lines, line) && !line.empty()) {
    if (line.front() == ' ' || line.front() == '\t') {
      request.headers.push_back({request.headers.back().name, line});
      continue;
    }
    auto colon = line.find(':');
    request.headers.push_back({line.substr(0, colon), line.substr(colon + 1)});
  }
  std::ostringstream body;
  body << lines.rdbuf();
  request.body = body.str();
  return request;
}

std::vector<fs::path> suite_cases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::recursive_directory_iterator(kSuiteDir)) {
    if (entry.path().extension() == ".req") cases.push_back(entry.path().parent_path() / entry.path().stem());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

class SigV4TestSuite : public testing::TestWithParam<fs::path> {
 protected:
  std::string expected(const char* extension) const { return read_file(GetParam().string() + extension); }
};

TEST_P(SigV4TestSuite, ReproducesCanonicalRequestStringToSignAndAuthorization) {
  auto raw = parse_request(expected(".req"));
  auto query_start = std::min(raw.target.find('?'), raw.target.size());
  SignableRequest request{raw.method, raw.target.substr(0, query_start),
                          query_start < raw.target.size() ? raw.target.substr(query_start + 1) : "",
                          raw.headers, raw.body};
  SigningScope scope{"20150830", "us-east-1", "service"};

  auto creq = canonical_request(request);
  EXPECT_EQ(creq, expected(".creq"));
  auto sts = string_to_sign(creq, kAmzDate, scope);
  EXPECT_EQ(sts, expected(".sts"));
  EXPECT_EQ(authorization_header(kAccessKeyId, scope, signed_header_names(request.headers),
                                 signature(kSecretAccessKey, scope, sts)),
            expected(".authz"));
}

std::string case_name(const testing::TestParamInfo<fs::path>& info) {
  auto name = fs::relative(info.param, kSuiteDir).parent_path().string();
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Aws, SigV4TestSuite, testing::ValuesIn(suite_cases()), case_name);

TEST(SigV4TestSuiteData, HoldsEveryPublishedCase) {
  // Guards against the copy in tests/data losing cases silently.
  EXPECT_EQ(suite_cases().size(), 31u);
}

}  // namespace
}  // namespace sluice::sqs
