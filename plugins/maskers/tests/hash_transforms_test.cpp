// sha256 and hmac_sha256 as configured in a pipeline step.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>

#include "batch_helpers.h"
#include "hmac_sha256_transform.h"
#include "host_config.h"
#include "sha256_transform.h"

namespace sluice::maskers {
namespace {

using testing::make_batch;
using testing::strings_of;
using testing::Values;

constexpr const char* kKeyVariable = "SLUICE_MASKERS_TEST_HMAC_KEY";

class HashTransforms : public ::testing::Test {
 protected:
  void SetUp() override { setenv(kKeyVariable, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", 1); }
  void TearDown() override { unsetenv(kKeyVariable); }

  static sluice::OwnedBatch run(sluice::Transform& transform, sluice::OwnedBatch batch) {
    sluice::Rejector rejects(batch.num_rows());
    sluice::OwnedBatch out = transform.process(std::move(batch), rejects);
    EXPECT_EQ(rejects.removed_count(), 0);
    return out;
  }
};

TEST_F(HashTransforms, HmacMatchesRfc4231ThroughThePlugin) {
  HmacSha256Transform hmac(testing::host_config<HmacSha256Transform>(
      R"({"fields": ["body"], "key_env": "SLUICE_MASKERS_TEST_HMAC_KEY"})"));
  const sluice::OwnedBatch out = run(hmac, make_batch({{"body", {"Hi There"}}}));
  EXPECT_EQ(strings_of(out, "body"),
            Values{"b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"});
}

TEST_F(HashTransforms, Sha256MatchesFips180ThroughThePlugin) {
  Sha256Transform sha256({}, testing::host_config<Sha256Transform>(R"({"fields": ["body"]})"));
  const sluice::OwnedBatch out = run(sha256, make_batch({{"body", {"abc"}}}));
  EXPECT_EQ(strings_of(out, "body"),
            Values{"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"});
}

TEST_F(HashTransforms, MapReplacesTheInputColumnInItsPlace) {
  HmacSha256Transform hmac(testing::host_config<HmacSha256Transform>(
      R"({"fields": {"ip": "masked_ip", "device_id": "masked_device_id"}, "key_env": "SLUICE_MASKERS_TEST_HMAC_KEY"})"));
  const sluice::OwnedBatch out = run(
      hmac,
      make_batch(
          {{"user_id", {"u1"}}, {"ip", {"10.0.0.1"}}, {"device_id", {"593-47-5928"}}, {"locale", {"FR"}}}));
  EXPECT_EQ(testing::column_names(out),
            (std::vector<std::string>{"user_id", "masked_ip", "masked_device_id", "locale"}));
  EXPECT_EQ(strings_of(out, "user_id"), Values{"u1"});
  EXPECT_EQ(strings_of(out, "masked_ip")[0]->size(), 64u);
}

TEST_F(HashTransforms, EqualInputsGiveEqualOutputsAndNullsAndEmptiesStay) {
  HmacSha256Transform hmac(testing::host_config<HmacSha256Transform>(
      R"({"fields": ["ip"], "key_env": "SLUICE_MASKERS_TEST_HMAC_KEY", "key_id": "k1", "encoding": "base64url"})"));
  const Values out = strings_of(
      run(hmac, make_batch({{"ip", {"10.0.0.1", std::nullopt, "", "10.0.0.2", "10.0.0.1"}}})), "ip");
  EXPECT_EQ(out[0], out[4]);
  EXPECT_NE(out[0], out[3]);
  EXPECT_EQ(out[1], std::nullopt);
  EXPECT_EQ(out[2], "");
  EXPECT_TRUE(out[0]->starts_with("k1:"));
  EXPECT_EQ(out[0]->size(), 3u + 43u);
}

TEST_F(HashTransforms, SaltChangesTheDigest) {
  setenv("SLUICE_MASKERS_TEST_SALT", "pepper", 1);
  Sha256Transform salted({}, testing::host_config<Sha256Transform>(
                                 R"({"fields": ["v"], "salt_env": "SLUICE_MASKERS_TEST_SALT"})"));
  Sha256Transform literal({},
                          testing::host_config<Sha256Transform>(R"({"fields": ["v"], "salt": "pepper"})"));
  EXPECT_EQ(strings_of(run(salted, make_batch({{"v", {"abc"}}})), "v"),
            Values{"fadf7b97406e1eaa259a82e26e6839e564c37c256876e060e17838c86b7275ef"});
  EXPECT_EQ(strings_of(run(literal, make_batch({{"v", {"abc"}}})), "v"),
            Values{"fadf7b97406e1eaa259a82e26e6839e564c37c256876e060e17838c86b7275ef"});
  unsetenv("SLUICE_MASKERS_TEST_SALT");
}

// key_env makes hmac_sha256 -> sha256 a one-word swap: the hex key, decoded, is the salt.
TEST_F(HashTransforms, Sha256TakesTheKeyedMaskersHexKeyAsItsSalt) {
  setenv("SLUICE_MASKERS_TEST_HEX_SALT", "70657070657270657070657270657070", 1);  // "pepperpepperpepp"
  Sha256Transform keyed({}, testing::host_config<Sha256Transform>(
                                R"({"fields": ["v"], "key_env": "SLUICE_MASKERS_TEST_HEX_SALT"})"));
  Sha256Transform literal(
      {}, testing::host_config<Sha256Transform>(R"({"fields": ["v"], "salt": "pepperpepperpepp"})"));
  EXPECT_EQ(strings_of(run(keyed, make_batch({{"v", {"abc"}}})), "v"),
            strings_of(run(literal, make_batch({{"v", {"abc"}}})), "v"));
  EXPECT_THROW(Sha256Transform(
                   {}, testing::host_config<Sha256Transform>(
                           R"({"fields": ["v"], "key_env": "SLUICE_MASKERS_TEST_HEX_SALT", "salt": "x"})")),
               sluice::ConfigError);
  setenv("SLUICE_MASKERS_TEST_HEX_SALT", "not hex", 1);
  EXPECT_THROW(Sha256Transform({}, testing::host_config<Sha256Transform>(
                                       R"({"fields": ["v"], "key_env": "SLUICE_MASKERS_TEST_HEX_SALT"})")),
               sluice::ConfigError);
  unsetenv("SLUICE_MASKERS_TEST_HEX_SALT");
}

TEST_F(HashTransforms, CannotBeInverted) {
  HmacSha256Transform hmac(testing::host_config<HmacSha256Transform>(
      R"({"fields": ["ip"], "key_env": "SLUICE_MASKERS_TEST_HMAC_KEY"})"));
  sluice::Rejector rejects(1);
  EXPECT_THROW(hmac.invert(make_batch({{"ip", {"x"}}}), rejects), sluice::UnsupportedError);
  EXPECT_FALSE(HmacSha256Transform::invertible);
  EXPECT_FALSE(Sha256Transform::invertible);
}

void expect_config_error(const std::string& json, const std::string& expected) {
  try {
    HmacSha256Transform hmac(testing::host_config<HmacSha256Transform>(json));
    ADD_FAILURE() << "accepted " << json;
  } catch (const sluice::ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
  }
}

// The error `json` raises, or "" (with a failure) when it is accepted.
std::string config_error_of(const std::string& json) {
  try {
    HmacSha256Transform hmac(testing::host_config<HmacSha256Transform>(json));
  } catch (const sluice::ConfigError& error) {
    return error.what();
  }
  ADD_FAILURE() << "accepted " << json;
  return "";
}

TEST_F(HashTransforms, AKeyGivenWhereItsNameOrPathBelongsIsNotEchoed) {
  // `key_env: ${SLUICE_MASK_KEY}` and friends, after expansion.
  const std::string key = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";
  for (const std::string option : {"key_env", "key_file"}) {
    std::string message = config_error_of(R"({"fields": ["ip"], ")" + option + R"(": ")" + key + R"("})");
    EXPECT_NE(message.find("looks like a secret"), std::string::npos) << message;
    EXPECT_NE(message.find(option), std::string::npos) << message;
    EXPECT_EQ(message.find("c0ffee"), std::string::npos) << message;
  }
  for (const std::string option : {"salt_env", "salt_file"}) {
    try {
      Sha256Transform sha256({}, testing::host_config<Sha256Transform>(R"({"fields": ["ip"], ")" + option +
                                                                       R"(": ")" + key + R"("})"));
      ADD_FAILURE() << option << " accepted";
    } catch (const sluice::ConfigError& error) {
      EXPECT_NE(std::string(error.what()).find("looks like a secret"), std::string::npos) << error.what();
      EXPECT_EQ(std::string(error.what()).find("c0ffee"), std::string::npos) << error.what();
    }
  }
}

TEST_F(HashTransforms, AKeyFileOthersCanReadIsRefused) {
  const std::string path = ::testing::TempDir() + "sluice_maskers_open_key";
  std::ofstream(path) << "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b\n";
  const std::string json = R"({"fields": ["ip"], "key_file": ")" + path + R"("})";
  ::chmod(path.c_str(), 0644);
  std::string message = config_error_of(json);
  EXPECT_NE(message.find("accessible by others"), std::string::npos) << message;
  EXPECT_EQ(message.find("0b0b"), std::string::npos) << message;
  ::chmod(path.c_str(), 0600);
  EXPECT_NO_THROW(HmacSha256Transform(testing::host_config<HmacSha256Transform>(json)));
  std::remove(path.c_str());
}

TEST_F(HashTransforms, ExplainsConfigurationMistakes) {
  expect_config_error(R"({"key_env": "SLUICE_MASKERS_TEST_HMAC_KEY"})", "missing option 'fields'");
  expect_config_error(R"({"fields": [], "key_env": "SLUICE_MASKERS_TEST_HMAC_KEY"})", "names no column");
  expect_config_error(R"({"fields": ["ip"]})", "'key_env' or 'key_file' is required");
  expect_config_error(R"({"fields": ["ip"], "key_env": "SLUICE_MASKERS_UNSET_VARIABLE"})", "is not set");
  expect_config_error(R"({"fields": ["ip"], "key_env": "SLUICE_MASKERS_TEST_HMAC_KEY", "key_file": "/k"})",
                      "only one of");
  expect_config_error(R"({"fields": ["ip"], "key_env": "SLUICE_MASKERS_TEST_HMAC_KEY", "encoding": "b64"})",
                      "hex or base64url");
  expect_config_error(R"({"fields": ["ip"], "key_env": "SLUICE_MASKERS_TEST_HMAC_KEY", "key_id": "k:1"})",
                      "key_id");
  expect_config_error(R"({"fields": {"a": "x", "b": "x"}, "key_env": "SLUICE_MASKERS_TEST_HMAC_KEY"})",
                      "writes column 'x' twice");
  expect_config_error(R"({"fields": {"a": "b", "b": "c"}, "key_env": "SLUICE_MASKERS_TEST_HMAC_KEY"})",
                      "which it also masks");
}

TEST_F(HashTransforms, RefusesAMissingOrNonStringColumn) {
  HmacSha256Transform hmac(testing::host_config<HmacSha256Transform>(
      R"({"fields": ["ip"], "key_env": "SLUICE_MASKERS_TEST_HMAC_KEY"})"));
  sluice::Rejector rejects(1);
  EXPECT_THROW(hmac.process(make_batch({{"ipp", {"10.0.0.1"}}}), rejects), sluice::ConfigError);
  sluice::OwnedBatch numbers(1);
  sluice::Int64Builder builder;
  builder.append(7);
  numbers.add_column(builder.finish("ip"));
  EXPECT_THROW(hmac.process(std::move(numbers), rejects), sluice::ConfigError);
}

}  // namespace
}  // namespace sluice::maskers
