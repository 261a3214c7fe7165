#include <sluice/plugin.hpp>

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace sluice {
namespace {

TEST(Config, TypedGettersWithDefaults) {
  Config c = Config::parse(R"({"path": "in.txt", "batch_size": 10,
      "ratio": 0.5, "fsync": true, "drop": ["a", "b"],
      "rename": {"x": "y"}, "nested": {"k": 1}})");
  EXPECT_EQ(c.string("path"), "in.txt");
  EXPECT_EQ(c.int64("batch_size", 1000), 10);
  EXPECT_EQ(c.int64("absent", 1000), 1000);
  EXPECT_EQ(c.number("ratio"), 0.5);
  EXPECT_TRUE(c.boolean("fsync"));
  EXPECT_EQ(c.string_list("drop"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(c.string_map("rename").at("x"), "y");
  EXPECT_EQ(c.object("nested").int64("k"), 1);
  EXPECT_TRUE(c.has("path"));
  EXPECT_FALSE(c.has("absent"));
}

TEST(Config, KeysKeepDocumentOrder) {
  Config c = Config::parse(R"({"fields": {"zeta": 1, "alpha": 2, "mid": 3}})");
  EXPECT_EQ(c.object("fields").keys(), (std::vector<std::string>{"zeta", "alpha", "mid"}));
}

TEST(Config, WrongTypeNamesTheOptionPath) {
  Config c = Config::parse(R"({"nested": {"k": "text"}})");
  try {
    c.object("nested").int64("k");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "option 'nested.k' must be an integer");
  }
}

TEST(Config, RequireNamesTheMissingOption) {
  Config c = Config::parse("{}");
  try {
    c.require<std::string>("table");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "missing option 'table'");
  }
}

TEST(Config, ParseRefusesNonObjects) {
  EXPECT_THROW(Config::parse("[1]"), ConfigError);
  EXPECT_THROW(Config::parse("{oops"), ConfigError);
}

TEST(ReadSecret, FromEnvironmentVariable) {
  ::setenv("SLUICE_TEST_SECRET", "s3cret", 1);
  Config c = Config::parse(R"({"key_env": "SLUICE_TEST_SECRET"})");
  EXPECT_EQ(read_secret(c, "key").view(), "s3cret");
  ::unsetenv("SLUICE_TEST_SECRET");
}

TEST(ReadSecret, UnsetVariableNamesTheVariableNotAValue) {
  ::unsetenv("SLUICE_TEST_UNSET");
  Config c = Config::parse(R"({"key_env": "SLUICE_TEST_UNSET"})");
  try {
    read_secret(c, "key");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("SLUICE_TEST_UNSET"), std::string::npos);
  }
}

TEST(ReadSecret, FromFileWithoutTrailingNewline) {
  const std::string path = ::testing::TempDir() + "sluice_secret.txt";
  std::ofstream(path) << "abc123\n";
  ::chmod(path.c_str(), 0600);
  Config c = Config::parse(R"({"key_file": ")" + path + R"("})");
  EXPECT_EQ(read_secret(c, "key").view(), "abc123");
  std::remove(path.c_str());
}

// support/secret.hpp's one rule: surrounding ASCII whitespace goes (a stray
// space after the key works for every plugin alike); nothing left is an error.
TEST(ReadSecret, TrimsSurroundingWhitespaceAsSupportDocuments) {
  const std::string path = ::testing::TempDir() + "sluice_spaced_secret.txt";
  std::ofstream(path) << " \tabc123 \r\n";
  ::chmod(path.c_str(), 0600);
  EXPECT_EQ(read_secret(Config::parse(R"({"key_file": ")" + path + R"("})"), "key").view(), "abc123");
  std::ofstream(path) << " \n";
  EXPECT_THROW(read_secret(Config::parse(R"({"key_file": ")" + path + R"("})"), "key"), ConfigError);
  std::remove(path.c_str());
  ::setenv("SLUICE_TEST_SPACED_SECRET", "s3cret \n", 1);
  EXPECT_EQ(read_secret(Config::parse(R"({"key_env": "SLUICE_TEST_SPACED_SECRET"})"), "key").view(),
            "s3cret");
  ::unsetenv("SLUICE_TEST_SPACED_SECRET");
}

// The message of the ConfigError `read` throws.
template <class Read>
std::string config_error_of(Read read) {
  try {
    read();
  } catch (const ConfigError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no ConfigError";
  return "";
}

TEST(ReadSecret, ASecretWhereAVariableNameBelongsIsNotEchoed) {
  // `key_env: ${SLUICE_MASK_KEY}`, a DSN, an AWS secret key.
  for (const std::string secret : {"c0ffee00c0ffee00c0ffee00c0ffee00", "postgresql://loader:Pa55word@db/x",
                                   "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY", "abc+def/ghi="}) {
    Config c(nlohmann::json{{"key_env", secret}});
    std::string message = config_error_of([&] { read_secret(c, "key"); });
    EXPECT_NE(message.find("looks like a secret, not the name of an environment variable"), std::string::npos)
        << message;
    EXPECT_EQ(message.find(secret), std::string::npos) << message;
  }
}

TEST(ReadSecret, ASecretWhereAPathBelongsIsNotEchoed) {
  for (const std::string secret : {"c0ffee00c0ffee00c0ffee00c0ffee00", "postgresql://loader:Pa55word@db/x",
                                   "host=db password=Pa55word", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}) {
    Config c(nlohmann::json{{"dsn_file", secret}});
    std::string message = config_error_of([&] { read_optional_secret(c, "dsn"); });
    EXPECT_NE(message.find("looks like a secret, not a file's path"), std::string::npos) << message;
    EXPECT_EQ(message.find(secret), std::string::npos) << message;
  }
}

TEST(ReadSecret, NamesAndPathsAreStillNamedWhenMissing) {
  EXPECT_TRUE(looks_like_variable_name("SLUICE_MASK_KEY"));
  EXPECT_TRUE(looks_like_variable_name("PG_DSN"));
  EXPECT_TRUE(looks_like_variable_name("aws_secret_access_key_2"));
  EXPECT_TRUE(looks_like_path("/run/secrets/mask_key"));
  EXPECT_TRUE(looks_like_path("keys/mask.hex"));
  EXPECT_TRUE(looks_like_path("dsn"));
  Config c = Config::parse(R"({"key_file": "/nonexistent/sluice/key"})");
  EXPECT_NE(config_error_of([&] { read_secret(c, "key"); }).find("/nonexistent/sluice/key"),
            std::string::npos);
}

TEST(ReadSecret, AFileOthersCanReadIsRefused) {
  const std::string path = ::testing::TempDir() + "sluice_open_secret.txt";
  std::ofstream(path) << "abc123\n";
  Config c = Config::parse(R"({"key_file": ")" + path + R"("})");
  for (mode_t mode : {0644, 0604, 0620, 0666}) {
    ::chmod(path.c_str(), mode);
    std::string message = config_error_of([&] { read_secret(c, "key"); });
    EXPECT_NE(message.find("chmod 600"), std::string::npos) << message;
    EXPECT_EQ(message.find("abc123"), std::string::npos) << message;
  }
  for (mode_t mode : {0600, 0400, 0640, 0440}) {
    ::chmod(path.c_str(), mode);
    EXPECT_EQ(read_secret(c, "key").view(), "abc123") << std::oct << mode;
  }
  std::remove(path.c_str());
}

TEST(ReadSecret, MissingFileIsAConfigError) {
  Config c = Config::parse(R"({"key_file": "/nonexistent/sluice/key"})");
  EXPECT_THROW(read_secret(c, "key"), ConfigError);
}

TEST(ReadSecret, NeitherOrBothAreConfigErrors) {
  EXPECT_THROW(read_secret(Config::parse("{}"), "key"), ConfigError);
  EXPECT_FALSE(read_optional_secret(Config::parse("{}"), "salt").has_value());
  Config both = Config::parse(R"({"key_env": "A", "key_file": "B"})");
  EXPECT_THROW(read_secret(both, "key"), ConfigError);
}

TEST(Secret, MovedFromIsEmpty) {
  Secret a("value");
  Secret b = std::move(a);
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): the contract
  EXPECT_EQ(b.view(), "value");
}

}  // namespace
}  // namespace sluice

namespace {

TEST(ConfigDefaults, FillsMissingKeysAtEveryLevelAndKeepsGivenOnes) {
  const auto schema = nlohmann::json::parse(R"({
    "type": "object",
    "properties": {
      "batch": {"type": "integer", "default": 10},
      "mode": {"type": "string", "default": "fast"},
      "retry": {"type": "object", "default": {},
                "properties": {"max": {"type": "integer", "default": 4}}},
      "fields": {"type": "array",
                 "items": {"type": "object", "properties": {"kind": {"type": "string", "default": "text"}}}}
    }
  })");
  auto config =
      nlohmann::ordered_json::parse(R"({"mode": null, "fields": [{"name": "ip"}, {"kind": "int"}]})");
  sluice::fill_schema_defaults(config, schema);
  EXPECT_EQ(config["batch"], 10);
  EXPECT_TRUE(config["mode"].is_null());
  EXPECT_EQ(config["retry"]["max"], 4);
  EXPECT_EQ(config["fields"][0]["kind"], "text");
  EXPECT_EQ(config["fields"][1]["kind"], "int");
  EXPECT_EQ(config.begin().key(), "mode");  // the order the file wrote stays first
}

TEST(ConfigDefaults, TheAdaptersFillTheSchemaDefaultsBeforeTheConstructorRuns) {
  sluice::Config config = sluice::Config::parse(R"({"b": 2})");
  config.fill_defaults(R"({"properties": {"a": {"default": "x"}, "b": {"default": 1}}})");
  EXPECT_EQ(config.require<std::string>("a"), "x");
  EXPECT_EQ(config.require<int>("b"), 2);
  config.fill_defaults(nullptr);
  config.fill_defaults("not json");
  EXPECT_EQ(config.require<int>("b"), 2);
}

TEST(ConfigDefaults, SchemaDefaultMismatchesNameEachDisagreement) {
  const char* schema = R"({"properties": {"a": {"default": 1}, "b": {"default": "x"}, "c": {}}})";
  using Parsed = std::map<std::string, nlohmann::json>;
  EXPECT_TRUE(sluice::schema_default_mismatches(schema, Parsed{{"a", 1}, {"b", "x"}}).empty());

  const std::vector<std::string> mismatches =
      sluice::schema_default_mismatches(schema, Parsed{{"a", 2}, {"c", nullptr}});
  ASSERT_EQ(mismatches.size(), 3u);
  EXPECT_EQ(mismatches[0], "option 'a' was not read as its default 1");
  EXPECT_EQ(mismatches[1], "option 'b' has a default that no check reads back");
  EXPECT_EQ(mismatches[2], "option 'c' has no default");
}

}  // namespace
