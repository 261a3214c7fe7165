// Each credential provider alone, against a fake HTTP endpoint, files and
// commands.
#include <gtest/gtest.h>

#include "fake_environment.h"
#include "fake_http.h"
#include "metadata_providers.h"
#include "process_credentials.h"
#include "sts_providers.h"
#include "uri_encoding.h"

namespace sluice::sqs {
namespace {

using testing_support::credential_json;
using testing_support::FakeHttp;
using testing_support::FakeSystem;
using testing_support::sts_reply;

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

StsClient sts(FakeHttp& http) {
  return StsClient(*parse_url("http://127.0.0.1:9/"), "eu-west-1", http.fetch());
}

TEST(AwsTime, ReadsTheFormsAwsWrites) {
  auto plain = parse_aws_time("2026-12-04T23:59:59Z");
  ASSERT_TRUE(plain);
  EXPECT_EQ(std::chrono::system_clock::to_time_t(*plain), 1796428799);
  EXPECT_EQ(parse_aws_time("2026-12-04T23:59:59.123Z"), plain);
  EXPECT_EQ(parse_aws_time("2026-12-04T23:59:59+00:00"), plain);
  EXPECT_FALSE(parse_aws_time("yesterday"));
  EXPECT_FALSE(parse_aws_time("2026-12-04T23:59:59+02:00"));
}

TEST(StsEndpoint, RegionalByDefaultAndOverridable) {
  FakeSystem system;
  EXPECT_EQ(resolve_sts_endpoint(system.environment(), "eu-west-1")->to_string(),
            "https://sts.eu-west-1.amazonaws.com/");
  system.variables["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566";
  EXPECT_EQ(resolve_sts_endpoint(system.environment(), "eu-west-1")->to_string(), "http://127.0.0.1:4566/");
  system.variables["AWS_ENDPOINT_URL_STS"] = "http://127.0.0.1:5000";
  EXPECT_EQ(resolve_sts_endpoint(system.environment(), "eu-west-1")->to_string(), "http://127.0.0.1:5000/");
  system.variables["AWS_ENDPOINT_URL_STS"] = "ftp://x";
  EXPECT_FALSE(resolve_sts_endpoint(system.environment(), "eu-west-1").ok());
}

TEST(StsClient, AssumeRoleIsSignedWithTheCallersKeysAndReadsTheCredentials) {
  FakeHttp http;
  http.answer("POST", "/", 200,
              sts_reply("AssumeRole", "ASIAROLE", "role-secret", "role-token", "2030-01-01T00:00:00Z"));
  auto issued = sts(http).assume_role({"AKIDSOURCE", "source-secret", "source-token"},
                                      {"arn:aws:iam::1:role/r", "sess", "ext-1", 900});
  ASSERT_TRUE(issued.ok()) << issued.status().message();
  EXPECT_EQ(issued->credentials.access_key_id, "ASIAROLE");
  EXPECT_EQ(issued->credentials.session_token, "role-token");
  EXPECT_EQ(issued->expiration, parse_aws_time("2030-01-01T00:00:00Z"));
  ASSERT_EQ(http.requests.size(), 1u);
  const auto& request = http.requests[0];
  EXPECT_TRUE(contains(*find_header(request.headers, "Authorization"), "Credential=AKIDSOURCE/"));
  EXPECT_TRUE(contains(*find_header(request.headers, "Authorization"), "/eu-west-1/sts/aws4_request"));
  EXPECT_EQ(*find_header(request.headers, "X-Amz-Security-Token"), "source-token");
  EXPECT_TRUE(contains(request.body, "Action=AssumeRole&"));
  EXPECT_TRUE(contains(request.body, "RoleArn=" + uri_encode("arn:aws:iam::1:role/r")));
  EXPECT_TRUE(contains(request.body, "RoleSessionName=sess"));
  EXPECT_TRUE(contains(request.body, "ExternalId=ext-1"));
  EXPECT_TRUE(contains(request.body, "DurationSeconds=900"));
}

TEST(StsClient, ErrorRepliesNameTheRoleAndAwsCode) {
  FakeHttp http;
  http.answer(
      "POST", "/", 403,
      "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed to assume"
      "</Message></Error></ErrorResponse>");
  auto issued = sts(http).assume_role({"AKID", "s"}, {"arn:aws:iam::1:role/r", "sess"});
  ASSERT_FALSE(issued.ok());
  EXPECT_EQ(error_kind(issued.status()), ErrorKind::kAuth);
  EXPECT_EQ(issued.status().tag(), "AccessDenied");
  EXPECT_TRUE(contains(issued.status().message(), "AssumeRole for role arn:aws:iam::1:role/r"))
      << issued.status().message();
  EXPECT_TRUE(contains(issued.status().message(), "AccessDenied: not allowed to assume"))
      << issued.status().message();
}

TEST(StsClient, UnreadableRepliesAndNetworkFailuresAreErrors) {
  FakeHttp http;
  http.answer("POST", "/", 200, "<AssumeRoleResponse/>");
  EXPECT_EQ(error_kind(sts(http).assume_role({"AKID", "s"}, {"r", "s"}).status()), ErrorKind::kMalformed);
  FakeHttp nobody;
  auto issued = sts(nobody).assume_role({"AKID", "s"}, {"r", "s"});
  EXPECT_EQ(error_kind(issued.status()), ErrorKind::kNetwork);
  EXPECT_TRUE(contains(issued.status().message(), "cannot reach STS at http://127.0.0.1:9/"));
}

TEST(WebIdentityProvider, SendsTheTokenFromTheFileUnsigned) {
  FakeHttp http;
  FakeSystem system;
  system.files["/var/run/token"] = "jwt-token-value\n";
  http.answer("POST", "/", 200, sts_reply("AssumeRoleWithWebIdentity", "ASIAWEB", "web-secret", "web-token"));
  WebIdentityProvider provider(sts(http), "arn:aws:iam::1:role/web", "pod", "/var/run/token",
                               system.file_reader(), "AWS_WEB_IDENTITY_TOKEN_FILE");
  auto issued = provider.fetch();
  ASSERT_TRUE(issued.ok()) << issued.status().message();
  EXPECT_EQ(issued->credentials.access_key_id, "ASIAWEB");
  EXPECT_EQ(find_header(http.requests[0].headers, "Authorization"), nullptr);
  EXPECT_TRUE(contains(http.requests[0].body, "WebIdentityToken=jwt-token-value&") ||
              http.requests[0].body.ends_with("WebIdentityToken=jwt-token-value"));
  EXPECT_FALSE(contains(provider.name(), "jwt"));
  system.files.erase("/var/run/token");
  EXPECT_TRUE(contains(provider.fetch().status().message(), "/var/run/token cannot be read"));
}

TEST(AssumeRoleProvider, SignsWithWhatTheSourceGives) {
  FakeHttp http;
  http.answer("POST", "/", 200, sts_reply("AssumeRole", "ASIAROLE", "role-secret", "role-token"));
  auto source =
      std::make_shared<StaticCredentialProvider>("profile base", AwsCredentials{"AKIDBASE", "base-secret"});
  AssumeRoleProvider provider(sts(http), {"arn:aws:iam::1:role/r", "s"}, source);
  auto issued = provider.fetch();
  ASSERT_TRUE(issued.ok()) << issued.status().message();
  EXPECT_EQ(issued->credentials.access_key_id, "ASIAROLE");
  EXPECT_TRUE(contains(*find_header(http.requests[0].headers, "Authorization"), "Credential=AKIDBASE/"));
  EXPECT_EQ(provider.name(), "AssumeRole of arn:aws:iam::1:role/r with credentials from profile base");
}

TEST(ImdsProvider, PutsATokenThenReadsTheRoleAndItsCredentials) {
  FakeHttp http;
  http.answer("PUT", "/latest/api/token", 200, "imds-session");
  http.answer("GET", "/latest/meta-data/iam/security-credentials/", 200, "app-role\n");
  http.answer("GET", "/latest/meta-data/iam/security-credentials/app-role", 200,
              credential_json("ASIAIMDS", "imds-secret", "imds-token"));
  FakeSystem system;
  system.variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "http://127.0.0.1:8111/";
  ImdsCredentialProvider provider(*imds_settings(system.environment()), http.fetch());
  auto issued = provider.fetch();
  ASSERT_TRUE(issued.ok()) << issued.status().message();
  EXPECT_EQ(issued->credentials.access_key_id, "ASIAIMDS");
  EXPECT_EQ(issued->credentials.session_token, "imds-token");
  ASSERT_EQ(http.requests.size(), 3u);
  EXPECT_EQ(http.requests[0].url.to_string(), "http://127.0.0.1:8111/latest/api/token");
  EXPECT_NE(find_header(http.requests[0].headers, "X-aws-ec2-metadata-token-ttl-seconds"), nullptr);
  EXPECT_EQ(*find_header(http.requests[1].headers, "X-aws-ec2-metadata-token"), "imds-session");
  EXPECT_EQ(*find_header(http.requests[2].headers, "X-aws-ec2-metadata-token"), "imds-session");
  EXPECT_EQ(http.requests[0].timeout, std::chrono::milliseconds(1000));
}

TEST(ImdsProvider, RetriesOnceThenGivesUpAndStopsAtA4xx) {
  FakeHttp nobody;
  ImdsCredentialProvider unreachable(ImdsSettings{"http://127.0.0.1:9"}, nobody.fetch());
  EXPECT_FALSE(unreachable.fetch().ok());
  EXPECT_EQ(nobody.count("PUT", "/latest/api/token"), 2u);  // one retry
  FakeHttp v1_only;
  v1_only.answer("PUT", "/latest/api/token", 403, "");
  ImdsCredentialProvider refused(ImdsSettings{"http://127.0.0.1:9"}, v1_only.fetch());
  EXPECT_TRUE(contains(refused.fetch().status().message(), "HTTP 403"));
  EXPECT_EQ(v1_only.count("PUT", "/latest/api/token"), 1u);
}

TEST(ImdsProvider, CanBeDisabled) {
  FakeSystem system;
  system.variables["AWS_EC2_METADATA_DISABLED"] = "true";
  EXPECT_FALSE(imds_settings(system.environment()));
  system.variables["AWS_EC2_METADATA_DISABLED"] = "false";
  EXPECT_EQ(imds_settings(system.environment())->endpoint, "http://169.254.169.254");
}

TEST(ContainerProvider, RelativeUriGoesToTheEcsAgentWithTheToken) {
  FakeHttp http;
  FakeSystem system;
  system.variables = {{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc"},
                      {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "auth-token"}};
  http.answer("GET", "/v2/credentials/abc", 200, credential_json("ASIATASK", "task-secret", "task-token"));
  auto made =
      ContainerCredentialProvider::from_environment(system.environment(), system.file_reader(), http.fetch());
  ASSERT_TRUE(made && made->ok());
  auto issued = made->value()->fetch();
  ASSERT_TRUE(issued.ok()) << issued.status().message();
  EXPECT_EQ(issued->credentials.access_key_id, "ASIATASK");
  EXPECT_EQ(http.requests[0].url.to_string(), "http://169.254.170.2/v2/credentials/abc");
  EXPECT_EQ(*find_header(http.requests[0].headers, "Authorization"), "auth-token");
  EXPECT_FALSE(contains(made->value()->name(), "auth-token"));
}

TEST(ContainerProvider, FullUriReadsTheTokenFileEachTime) {
  FakeHttp http;
  FakeSystem system;
  system.variables = {{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:8000/creds"},
                      {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/token"}};
  system.files["/token"] = "first\n";
  http.answer("GET", "/creds", 200, credential_json("ASIAPOD", "pod-secret", "pod-token"));
  auto made =
      ContainerCredentialProvider::from_environment(system.environment(), system.file_reader(), http.fetch());
  ASSERT_TRUE(made && made->ok());
  ASSERT_TRUE(made->value()->fetch().ok());
  system.files["/token"] = "second";
  ASSERT_TRUE(made->value()->fetch().ok());
  EXPECT_EQ(*find_header(http.requests[0].headers, "Authorization"), "first");
  EXPECT_EQ(*find_header(http.requests[1].headers, "Authorization"), "second");
}

TEST(ContainerProvider, RefusesPlainHttpToOtherHostsAndNamesBadReplies) {
  FakeHttp http;
  FakeSystem system;
  system.variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://example.com/creds";
  auto made =
      ContainerCredentialProvider::from_environment(system.environment(), system.file_reader(), http.fetch());
  ASSERT_TRUE(made && !made->ok());
  EXPECT_TRUE(contains(made->status().message(), "plain http"));
  system.variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://127.0.0.1:8000/creds";
  http.answer("GET", "/creds", 200,
              "{\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"hidden-secret\", \"Expiration\": \"soon\"}");
  auto bad =
      ContainerCredentialProvider::from_environment(system.environment(), system.file_reader(), http.fetch());
  auto issued = bad->value()->fetch();
  ASSERT_FALSE(issued.ok());
  EXPECT_TRUE(contains(issued.status().message(), "not an ISO 8601"));
  EXPECT_FALSE(contains(issued.status().message(), "hidden-secret"));
  EXPECT_FALSE(ContainerCredentialProvider::from_environment(FakeSystem().environment(), {}, {}));
}

TEST(ProcessProvider, ReadsVersionOneJson) {
  std::string ran;
  ProcessCredentialProvider provider("/opt/bin/creds --role x", "tool", [&](const std::string& command) {
    ran = command;
    return Result<std::string>(credential_json("ASIAPROC", "proc-secret", "proc-token"));
  });
  auto issued = provider.fetch();
  ASSERT_TRUE(issued.ok()) << issued.status().message();
  EXPECT_EQ(ran, "/opt/bin/creds --role x");
  EXPECT_EQ(issued->credentials.session_token, "proc-token");
  EXPECT_TRUE(issued->expiration.has_value());
  EXPECT_EQ(provider.name(), "credential_process of profile tool");
}

TEST(ProcessProvider, WrongVersionsAndFailingCommandsAreConfigurationErrors) {
  ProcessCredentialProvider v2("x", "tool", [](const std::string&) {
    return Result<std::string>(
        std::string("{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\"}"));
  });
  EXPECT_TRUE(contains(v2.fetch().status().message(), "\"Version\": 1"));
  ProcessCredentialProvider failing("exit 3", "tool", shell_runner());
  auto issued = failing.fetch();
  ASSERT_FALSE(issued.ok());
  EXPECT_TRUE(contains(issued.status().message(), "exit status 3")) << issued.status().message();
  ProcessCredentialProvider real(
      "printf '{\"Version\":1,\"AccessKeyId\":\"AKIDSH\",\"SecretAccessKey\":\"s\"}'", "sh", shell_runner());
  auto from_shell = real.fetch();
  ASSERT_TRUE(from_shell.ok()) << from_shell.status().message();
  EXPECT_EQ(from_shell->credentials.access_key_id, "AKIDSH");
  EXPECT_FALSE(from_shell->expiration.has_value());
}

}  // namespace
}  // namespace sluice::sqs
