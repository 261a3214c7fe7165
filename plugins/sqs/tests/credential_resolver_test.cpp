#include "credential_resolver_internal.h"

#include <gtest/gtest.h>

#include "fake_environment.h"
#include "ini_file_internal.h"

namespace sluice::sqs {
namespace {

using testing_support::FakeSystem;

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

class CredentialResolverTest : public testing::Test {
 protected:
  CredentialResolverTest() { system.variables["HOME"] = "/home/op"; }

  Result<ResolvedCredentials> resolve(const CredentialOptions& options = {}) {
    return resolve_credentials(options, system.environment(), system.file_reader());
  }

  void expect_config_error(const CredentialOptions& options, std::string_view mention) {
    auto resolved = resolve(options);
    ASSERT_FALSE(resolved.ok());
    EXPECT_EQ(resolved.error().kind, ErrorKind::kConfig);
    EXPECT_NE(resolved.error().message.find(mention), std::string::npos) << resolved.error().message;
  }

  FakeSystem system;
};

TEST_F(CredentialResolverTest, StepOptionsComeFirstAndReadSecretsFromTheEnvironment) {
  system.variables = {{"MY_SECRET", "s3cret"}, {"MY_TOKEN", "tok"}, {"AWS_ACCESS_KEY_ID", "AKIDENV"},
                      {"AWS_SECRET_ACCESS_KEY", "env-secret"}};
  auto resolved = resolve({.access_key_id = "AKIDCONF", .secret_access_key_env = "MY_SECRET",
                           .session_token_env = "MY_TOKEN"});
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->credentials.access_key_id, "AKIDCONF");
  EXPECT_EQ(resolved->credentials.secret_access_key, "s3cret");
  EXPECT_EQ(resolved->credentials.session_token, "tok");
  EXPECT_EQ(resolved->source, "the step's options");
}

TEST_F(CredentialResolverTest, SecretFilesLoseTheirTrailingNewline) {
  system.files["/run/secrets/aws"] = "file-secret\n";
  auto resolved = resolve({.access_key_id = "AKID", .secret_access_key_file = "/run/secrets/aws"});
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->credentials.secret_access_key, "file-secret");
}

TEST_F(CredentialResolverTest, IncompleteStepOptionsAreConfigurationErrors) {
  expect_config_error({.access_key_id = "AKID"}, "secret_access_key_env");
  expect_config_error({.secret_access_key_env = "X"}, "access_key_id is not");
  expect_config_error({.session_token_env = "X"}, "access_key_id is not");
  expect_config_error({.access_key_id = "AKID", .secret_access_key_env = "UNSET"}, "UNSET, which is not set");
  expect_config_error({.access_key_id = "AKID", .secret_access_key_file = "/nope"}, "/nope cannot be read");
  expect_config_error({.access_key_id = "AKID", .secret_access_key_env = "A", .secret_access_key_file = "/b"},
                      "only one of");
}

TEST_F(CredentialResolverTest, EnvironmentKeysComeNext) {
  system.variables.insert({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "env-secret"},
                           {"AWS_SESSION_TOKEN", "env-token"}, {"AWS_PROFILE", "ci"}});
  system.files["/home/op/.aws/credentials"] = kCredentialsFile;
  auto resolved = resolve();
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->credentials.access_key_id, "AKIDENV");
  EXPECT_EQ(resolved->credentials.session_token, "env-token");
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
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->credentials.access_key_id, "AKIDCI");
  EXPECT_EQ(resolved->credentials.secret_access_key, "ci-secret");
  EXPECT_EQ(resolved->credentials.session_token, "ci-token");
  EXPECT_EQ(resolved->source, "profile ci in /home/op/.aws/credentials");
}

TEST_F(CredentialResolverTest, TheDefaultProfileIsTheLastResort) {
  system.files["/home/op/.aws/credentials"] = kCredentialsFile;
  auto resolved = resolve();
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->credentials.access_key_id, "AKIDDEFAULT");
  EXPECT_TRUE(resolved->credentials.session_token.empty());
}

TEST_F(CredentialResolverTest, TheProfileOptionBeatsTheEnvironment) {
  system.variables.insert({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "env-secret"}});
  system.files["/home/op/.aws/credentials"] = kCredentialsFile;
  auto resolved = resolve({.profile = "ci"});
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->credentials.access_key_id, "AKIDCI");
}

TEST_F(CredentialResolverTest, AwsSharedCredentialsFileMovesTheFile) {
  system.variables["AWS_SHARED_CREDENTIALS_FILE"] = "/etc/aws/creds";
  system.files["/etc/aws/creds"] = kCredentialsFile;
  auto resolved = resolve();
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->source, "profile default in /etc/aws/creds");
}

TEST_F(CredentialResolverTest, MissingOrIncompleteProfilesAreNamed) {
  system.files["/home/op/.aws/credentials"] = kCredentialsFile;
  expect_config_error({.profile = "prod"}, "profile prod is not in /home/op/.aws/credentials");
  expect_config_error({.profile = "broken"}, "lacks aws_access_key_id or aws_secret_access_key");
  system.files.clear();
  system.variables["AWS_PROFILE"] = "ci";
  expect_config_error({}, "profile ci was asked for but /home/op/.aws/credentials cannot be read");
}

TEST_F(CredentialResolverTest, NoCredentialsAnywhereListsTheWaysToGiveThem) {
  expect_config_error({}, "no AWS credentials");
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
