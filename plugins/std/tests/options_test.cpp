// Each option's default is stated once, in the plugin's JSON Schema, and the
// host fills it in: a plugin given only its required options must parse to
// exactly the schema's defaults. The walk fails when a schema gains a
// default that no check here reads back.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "file_sink.h"
#include "file_source.h"
#include "host_config.h"
#include "json_transform.h"
#include "temp_file.h"

namespace sluice::standard {
namespace {

// Option -> its parsed value, as JSON.
using Parsed = std::map<std::string, nlohmann::json>;

void expect_schema_defaults_parsed(const char* schema_text, const Parsed& parsed) {
  const nlohmann::json schema = nlohmann::json::parse(schema_text);
  int defaults = 0;
  for (const auto& [option, property] : schema.at("properties").items()) {
    if (!property.contains("default")) continue;
    ++defaults;
    const auto value = parsed.find(option);
    ASSERT_NE(value, parsed.end()) << "option '" << option << "' has a default no test reads back";
    EXPECT_EQ(value->second, property.at("default")) << "option '" << option << "'";
  }
  EXPECT_EQ(defaults, static_cast<int>(parsed.size())) << "a checked option lost its schema default";
}

TEST(SchemaDefaults, FileSourceParsesTheSchemasDefaults) {
  testing::TempFile file("options_source.txt");
  file.write("x\n");
  const FileSource source(sluice::Host(), testing::host_config<FileSource>(
                                              sluice::Config(nlohmann::json{{"path", file.path()}})));
  expect_schema_defaults_parsed(
      FileSource::info.config_schema,
      {{"batch_size", source.batch_size()}, {"max_line_bytes", source.max_line_bytes()}});
}

TEST(SchemaDefaults, FileSinkParsesTheSchemasDefaults) {
  testing::TempFile file("options_sink.ndjson");
  const FileSink sink(sluice::Host(),
                      testing::host_config<FileSink>(sluice::Config(nlohmann::json{{"path", file.path()}})));
  expect_schema_defaults_parsed(FileSink::info.config_schema, {{"fsync", sink.fsync()}});
}

TEST(SchemaDefaults, JsonParsesTheSchemasDefaults) {
  const JsonTransform json(testing::host_config<JsonTransform>(R"({"fields": {"id": "int64"}})"));
  expect_schema_defaults_parsed(JsonTransform::info.config_schema, {{"source", json.source()}});
}

}  // namespace
}  // namespace sluice::standard
