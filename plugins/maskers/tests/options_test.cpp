// Each option's default is stated once, in the plugin's JSON Schema, and the
// host fills it in: a plugin given only its required options must parse to
// exactly the schema's defaults. The walk fails when a schema gains a
// default that no check here reads back.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "fpe_transform.h"
#include "hmac_sha256_transform.h"
#include "sha256_transform.h"

namespace sluice::maskers {
namespace {

using ParsedEquals = std::map<std::string, std::function<bool(const nlohmann::json&)>>;

void expect_schema_defaults_parsed(const char* schema_text, const ParsedEquals& parsed_equals) {
  for (const std::string& mismatch : sluice::schema_default_mismatches(schema_text, parsed_equals)) {
    ADD_FAILURE() << mismatch;
  }
}

constexpr const char* kOptionsKeyVariable = "SLUICE_MASKERS_OPTIONS_TEST_KEY";

class SchemaDefaults : public ::testing::Test {
 protected:
  void SetUp() override { setenv(kOptionsKeyVariable, "2b7e151628aed2a6abf7158809cf4f3c", 1); }
  void TearDown() override { unsetenv(kOptionsKeyVariable); }
};

bool same_encoding(DigestEncoding parsed, const nlohmann::json& fallback) {
  return parse_digest_encoding(fallback.get<std::string>()) == parsed;
}

TEST_F(SchemaDefaults, FpeParsesTheSchemasDefaults) {
  const FpeTransform fpe({}, sluice::host_config<FpeTransform>(
                                 R"({"fields": ["ip"], "key_env": "SLUICE_MASKERS_OPTIONS_TEST_KEY"})"));
  expect_schema_defaults_parsed(
      FpeTransform::info.config_schema,
      {{"mode", [&](const nlohmann::json& d) { return parse_fpe_mode(d.get<std::string>()) == fpe.mode(); }},
       {"format", [&](const nlohmann::json& d) {
          return parse_fpe_format(d.get<std::string>()) == fpe.formats().at(0);
        }}});
}

TEST_F(SchemaDefaults, HmacSha256ParsesTheSchemasDefaults) {
  const HmacSha256Transform hmac(sluice::host_config<HmacSha256Transform>(
      R"({"fields": ["ip"], "key_env": "SLUICE_MASKERS_OPTIONS_TEST_KEY"})"));
  expect_schema_defaults_parsed(
      HmacSha256Transform::info.config_schema,
      {{"encoding", [&](const nlohmann::json& d) { return same_encoding(hmac.encoding(), d); }}});
}

TEST_F(SchemaDefaults, Sha256ParsesTheSchemasDefaults) {
  const Sha256Transform sha256(
      {}, sluice::host_config<Sha256Transform>(R"({"fields": ["ip"], "salt": "pepper"})"));
  expect_schema_defaults_parsed(
      Sha256Transform::info.config_schema,
      {{"encoding", [&](const nlohmann::json& d) { return same_encoding(sha256.encoding(), d); }}});
}

}  // namespace
}  // namespace sluice::maskers
