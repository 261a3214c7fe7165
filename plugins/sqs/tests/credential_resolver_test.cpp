#include "credential_resolver.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "fake_environment.h"
#include "fake_http.h"
#include "ini_file.h"

namespace sluice::sqs {
namespace {

using testing_support::credential_json;
using testing_support::FakeHttp;
using testing_support::FakeSystem;
using testing_support::sts_reply;

constexpr char kCredentialsFile[] =
    "# comment\n"
    "[default]\n"
    "aws_access_key_id = AKIDDEFAULT\n"
    "aws_secret_access_key = default-secret\n"
    "\n"
    "[ci]\r\n"
    "AWS_ACCESS_KEY_ID=AKIDCI\r\n"
    "aws_secret_access_key=ci-secret\r\n"
    "aws_session_token = ci-token\r\n"
    "[broken]\n"
    "aws_access_key_id = AKIDBROKEN\n";

// Sets an environment variable for one test.
class ScopedVariable {
 public:
  ScopedVariable(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ~ScopedVariable() { ::unsetenv(name_); }
  ScopedVariable(const ScopedVariable&) = delete;
  ScopedVariable& operator=(const ScopedVariable&) = delete;

 private:
  const char* name_;
};

class CredentialResolverTest : public testing::Test {
 protected:
  CredentialResolverTest() { system.variables["HOME"] = "/home/op"; }

  Result<ResolvedCredentials> resolve(const CredentialOptions& options = {}) {
    return resolve_credentials(
        options, CredentialSystem{system.environment(), system.file_reader(), http, run, "eu-west-1"});
  }

  void expect_config_error(const CredentialOptions& options, std::string_view mention) {
    auto resolved = resolve(options);
    ASSERT_FALSE(resolved.ok());
    EXPECT_EQ(error_kind(resolved.status()), ErrorKind::kConfig);
    EXPECT_NE(resolved.status().message().find(mention), std::string::npos) << resolved.status().message();
  }

  FakeSystem system;
  // Nothing on this machine answers HTTP or runs commands unless a test says so.
  HttpFetch http = [](const HttpRequest&) -> Result<HttpResponse> {
    return make_error(ErrorKind::kNetwork, "connection refused");
  };
  CommandRunner run = [](const std::string&) -> Result<std::string> {
    return make_error(ErrorKind::kConfig, "no command expected");
  };
};

// The step's *_env and *_file options are read by the SDK's one secret
// reader (support/secret.hpp), from this process's environment and files.
TEST_F(CredentialResolverTest, StepOptionsComeFirstAndReadSecretsFromTheEnvironment) {
  ScopedVariable secret("SQS_RESOLVER_TEST_SECRET", "s3cret");
  ScopedVariable token("SQS_RESOLVER_TEST_TOKEN", "tok");
  system.variables = {{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "env-secret"}};
  auto resolved = resolve({.access_key_id = "AKIDCONF",
                           .secret_access_key_env = "SQS_RESOLVER_TEST_SECRET",
                           .session_token_env = "SQS_RESOLVER_TEST_TOKEN"});
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->issued.credentials.access_key_id, "AKIDCONF");
  EXPECT_EQ(resolved->issued.credentials.secret_access_key, "s3cret");
  EXPECT_EQ(resolved->issued.credentials.session_token, "tok");
  EXPECT_EQ(resolved->source, "the step's options");
}

TEST_F(CredentialResolverTest, SecretFilesLoseTheirTrailingNewline) {
  const auto path =
      std::filesystem::temp_directory_path() / ("sqs-resolver-secret-" + std::to_string(::getpid()));
  { std::ofstream(path) << "file-secret\n"; }
  auto resolved = resolve({.access_key_id = "AKID", .secret_access_key_file = path.string()});
  std::filesystem::remove(path);
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->issued.credentials.secret_access_key, "file-secret");
}

TEST_F(CredentialResolverTest, IncompleteStepOptionsAreConfigurationErrors) {
  expect_config_error({.access_key_id = "AKID"}, "secret_access_key_env");
  expect_config_error({.secret_access_key_env = "X"}, "access_key_id is not");
  expect_config_error({.session_token_env = "X"}, "access_key_id is not");
  expect_config_error({.access_key_id = "AKID", .secret_access_key_env = "SQS_RESOLVER_TEST_UNSET"},
                      "secret_access_key_env: environment variable SQS_RESOLVER_TEST_UNSET is not set");
  expect_config_error({.access_key_id = "AKID", .secret_access_key_file = "/nope"},
                      "secret_access_key_file: cannot read secret file /nope");
  expect_config_error({.access_key_id = "AKID", .secret_access_key_env = "A", .secret_access_key_file = "/b"},
                      "only one of");
}

TEST_F(CredentialResolverTest, EnvironmentKeysComeNext) {
  system.variables.insert({{"AWS_ACCESS_KEY_ID", "AKIDENV"},
                           {"AWS_SECRET_ACCESS_KEY", "env-secret"},
                           {"AWS_SESSION_TOKEN", "env-token"},
                           {"AWS_PROFILE", "ci"}});
  system.files["/home/op/.aws/credentials"] = kCredentialsFile;
  auto resolved = resolve();
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->issued.credentials.access_key_id, "AKIDENV");
  EXPECT_EQ(resolved->issued.credentials.session_token, "env-token");
  EXPECT_EQ(resolved->source, "the environment");
}

TEST_F(CredentialResolverTest, HalfAnEnvironmentKeyPairIsAnError) {
  system.variables["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  expect_config_error({}, "must be set together");
}

TEST_F(CredentialResolverTest, AwsProfileSelectsASectionOfTheCredentialsFile) {
  system.variables["AWS_PROFILE"] = "ci";
  system.files["/home/op/.aws/credentials"] = kCredentialsFile;
  auto resolved = resolve();
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->issued.credentials.access_key_id, "AKIDCI");
  EXPECT_EQ(resolved->issued.credentials.secret_access_key, "ci-secret");
  EXPECT_EQ(resolved->issued.credentials.session_token, "ci-token");
  EXPECT_EQ(resolved->source, "profile ci in /home/op/.aws/credentials");
}

TEST_F(CredentialResolverTest, TheDefaultProfileIsTheLastResort) {
  system.files["/home/op/.aws/credentials"] = kCredentialsFile;
  auto resolved = resolve();
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->issued.credentials.access_key_id, "AKIDDEFAULT");
  EXPECT_TRUE(resolved->issued.credentials.session_token.empty());
}

TEST_F(CredentialResolverTest, TheProfileOptionBeatsTheEnvironment) {
  system.variables.insert({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "env-secret"}});
  system.files["/home/op/.aws/credentials"] = kCredentialsFile;
  auto resolved = resolve({.profile = "ci"});
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->issued.credentials.access_key_id, "AKIDCI");
}

TEST_F(CredentialResolverTest, AwsSharedCredentialsFileMovesTheFile) {
  system.variables["AWS_SHARED_CREDENTIALS_FILE"] = "/etc/aws/creds";
  system.files["/etc/aws/creds"] = kCredentialsFile;
  auto resolved = resolve();
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->source, "profile default in /etc/aws/creds");
}

TEST_F(CredentialResolverTest, MissingOrIncompleteProfilesAreNamed) {
  system.files["/home/op/.aws/credentials"] = kCredentialsFile;
  expect_config_error({.profile = "prod"},
                      "profile prod is not in /home/op/.aws/config and /home/op/.aws/credentials");
  expect_config_error({.profile = "broken"}, "lacks aws_access_key_id or aws_secret_access_key");
  system.files.clear();
  system.variables["AWS_PROFILE"] = "ci";
  expect_config_error(
      {},
      "profile ci was asked for but neither /home/op/.aws/config nor /home/op/.aws/credentials can be read");
}

TEST_F(CredentialResolverTest, NoCredentialsAnywhereListsWhereItLooked) {
  system.variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "http://127.0.0.1:9";
  auto resolved = resolve();
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(error_kind(resolved.status()), ErrorKind::kConfig);
  for (const char* place : {"no AWS credentials found", "AWS_ACCESS_KEY_ID", "AWS_WEB_IDENTITY_TOKEN_FILE",
                            "profile default in /home/op/.aws/config and /home/op/.aws/credentials",
                            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                            "EC2 instance metadata (http://127.0.0.1:9): PUT /latest/api/token"}) {
    EXPECT_NE(resolved.status().message().find(place), std::string::npos) << place << "\n"
                                                                          << resolved.status().message();
  }
  system.variables["AWS_EC2_METADATA_DISABLED"] = "true";
  expect_config_error({}, "disabled by AWS_EC2_METADATA_DISABLED");
}

class CredentialChainTest : public CredentialResolverTest {
 protected:
  CredentialChainTest() {
    http = fake.fetch();
    system.variables["AWS_ENDPOINT_URL_STS"] = "http://127.0.0.1:7000";
    system.variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "http://127.0.0.1:7001";
  }

  void serve_imds() {
    fake.answer("PUT", "/latest/api/token", 200, "t");
    fake.answer("GET", "/latest/meta-data/iam/security-credentials/", 200, "role");
    fake.answer("GET", "/latest/meta-data/iam/security-credentials/role", 200,
                credential_json("ASIAIMDS", "imds-secret", "imds-token"));
  }

  const HttpRequest& last_sts_request() {
    for (auto it = fake.requests.rbegin(); it != fake.requests.rend(); ++it) {
      if (it->url.port == 7000) return *it;
    }
    ADD_FAILURE() << "no STS request";
    return fake.requests.front();
  }

  FakeHttp fake;
};

TEST_F(CredentialChainTest, InstanceMetadataIsTheLastResort) {
  serve_imds();
  auto resolved = resolve();
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->issued.credentials.access_key_id, "ASIAIMDS");
  EXPECT_TRUE(resolved->issued.expiration.has_value());
  EXPECT_EQ(resolved->source, "EC2 instance metadata (http://127.0.0.1:7001)");
}

TEST_F(CredentialChainTest, WebIdentityComesBeforeProfilesAndInstanceMetadata) {
  serve_imds();
  system.files["/home/op/.aws/credentials"] = kCredentialsFile;
  system.files["/token"] = "jwt";
  system.variables.insert({{"AWS_WEB_IDENTITY_TOKEN_FILE", "/token"},
                           {"AWS_ROLE_ARN", "arn:aws:iam::1:role/pod"},
                           {"AWS_ROLE_SESSION_NAME", "my-pod"}});
  fake.answer("POST", "/", 200, sts_reply("AssumeRoleWithWebIdentity", "ASIAWEB", "web-secret", "web-token"));
  auto resolved = resolve();
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->issued.credentials.access_key_id, "ASIAWEB");
  EXPECT_NE(last_sts_request().body.find("RoleSessionName=my-pod"), std::string::npos);
  EXPECT_NE(resolved->source.find("web identity"), std::string::npos) << resolved->source;
  system.variables.erase("AWS_ROLE_ARN");
  expect_config_error({}, "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN must be set together");
}

TEST_F(CredentialChainTest, AProfileRoleIsAssumedWithItsSourceProfilesKeys) {
  system.variables["AWS_PROFILE"] = "app";
  system.files["/home/op/.aws/config"] =
      "[profile app]\nrole_arn = arn:aws:iam::1:role/app\nsource_profile = base\nexternal_id = ext\n"
      "role_session_name = etl\nduration_seconds = 1800\n";
  system.files["/home/op/.aws/credentials"] =
      "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = b\n";
  fake.answer("POST", "/", 200, sts_reply("AssumeRole", "ASIAAPP", "app-secret", "app-token"));
  auto resolved = resolve();
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->issued.credentials.access_key_id, "ASIAAPP");
  const auto& request = last_sts_request();
  EXPECT_NE(find_header(request.headers, "Authorization")->find("Credential=AKIDBASE/"), std::string::npos);
  for (const char* field : {"ExternalId=ext", "RoleSessionName=etl", "DurationSeconds=1800"}) {
    EXPECT_NE(request.body.find(field), std::string::npos) << field;
  }
}

TEST_F(CredentialChainTest, ProfileLoopsAndMissingSourcesAreNamed) {
  system.variables["AWS_PROFILE"] = "a";
  system.files["/home/op/.aws/config"] =
      "[profile a]\nrole_arn = r\nsource_profile = b\n[profile b]\nrole_arn = r\nsource_profile = a\n"
      "[profile c]\nrole_arn = r\n";
  expect_config_error({}, "leads back");
  expect_config_error({.profile = "c"}, "role_arn needs source_profile");
}

TEST_F(CredentialChainTest, CredentialProcessOfTheConfigFile) {
  system.variables["AWS_CONFIG_FILE"] = "/etc/aws/config";
  system.files["/etc/aws/config"] = "[default]\ncredential_process = /bin/creds\n";
  run = [](const std::string& command) -> Result<std::string> {
    if (command != "/bin/creds") return make_error(ErrorKind::kConfig, "wrong command " + command);
    return credential_json("ASIAPROC", "proc-secret", "proc-token");
  };
  auto resolved = resolve();
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->issued.credentials.access_key_id, "ASIAPROC");
  EXPECT_EQ(resolved->source, "credential_process of profile default");
}

TEST_F(CredentialChainTest, ADefaultProfileWithoutCredentialsFallsThrough) {
  serve_imds();
  system.files["/home/op/.aws/config"] = "[default]\nregion = eu-west-1\n";
  auto resolved = resolve();
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->issued.credentials.access_key_id, "ASIAIMDS");
}

TEST_F(CredentialChainTest, ContainerCredentialsComeBeforeInstanceMetadata) {
  serve_imds();
  system.variables.insert({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:7002/creds"},
                           {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "auth"}});
  fake.answer("GET", "/creds", 200, credential_json("ASIATASK", "task-secret", "task-token"));
  auto resolved = resolve();
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->issued.credentials.access_key_id, "ASIATASK");
  fake.replies.erase("GET /creds");
  auto failed = resolve();
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("container credentials endpoint http://127.0.0.1:7002/creds"),
            std::string::npos)
      << failed.status().message();
}

TEST_F(CredentialChainTest, TheRoleArnOptionAssumesARoleWithWhatTheChainFound) {
  system.variables.insert({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "env-secret"}});
  fake.answer("POST", "/", 200, sts_reply("AssumeRole", "ASIAOPT", "opt-secret", "opt-token"));
  auto resolved =
      resolve({.role_arn = "arn:aws:iam::1:role/opt", .external_id = "x1", .role_session_name = "s1"});
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->issued.credentials.access_key_id, "ASIAOPT");
  EXPECT_EQ(resolved->source, "AssumeRole of arn:aws:iam::1:role/opt with credentials from the environment");
  const auto& request = last_sts_request();
  EXPECT_NE(find_header(request.headers, "Authorization")->find("Credential=AKIDENV/"), std::string::npos);
  EXPECT_NE(request.body.find("ExternalId=x1"), std::string::npos);
  expect_config_error({.external_id = "x1"}, "need role_arn");
}

TEST(IniFile, SkipsLinesItCannotReadAndKeepsTheLastDuplicate) {
  auto file = parse_ini("orphan=1\n[a]\nnot a pair\nk = 1\nk = 2\n[unterminated\nx=1\n[ b ]\n; c\ny= 3 \n");
  EXPECT_EQ(file["a"]["k"], "2");
  EXPECT_EQ(file["b"]["y"], "3");
  EXPECT_FALSE(file["a"].contains("orphan"));
  EXPECT_FALSE(file["a"].contains("x"));
}

}  // namespace
}  // namespace sluice::sqs
