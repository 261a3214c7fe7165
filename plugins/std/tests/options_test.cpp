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
#include "json_transform.h"
#include "temp_file.h"

namespace sluice::standard {
namespace {

// Option -> its parsed value, as JSON.
using Parsed = std::map<std::string, nlohmann::json>;

void expect_schema_defaults_parsed(const char* schema_text, const Parsed& parsed) {
  for (const std::string& mismatch : sluice::schema_default_mismatches(schema_text, parsed))
    ADD_FAILURE() << mismatch;
}

TEST(SchemaDefaults, FileSourceParsesTheSchemasDefaults) {
  testing::TempFile file("options_source.txt");
  file.write("x\n");
  const FileSource source(
      sluice::Host(), sluice::host_config<FileSource>(sluice::Config(nlohmann::json{{"path", file.path()}})));
  expect_schema_defaults_parsed(
      FileSource::info.config_schema,
      {{"batch_size", source.batch_size()}, {"max_line_bytes", source.max_line_bytes()}});
}

TEST(SchemaDefaults, FileSinkParsesTheSchemasDefaults) {
  testing::TempFile file("options_sink.ndjson");
  const FileSink sink(sluice::Host(),
                      sluice::host_config<FileSink>(sluice::Config(nlohmann::json{{"path", file.path()}})));
  expect_schema_defaults_parsed(FileSink::info.config_schema, {{"fsync", sink.fsync()}});
}

TEST(SchemaDefaults, JsonParsesTheSchemasDefaults) {
  const JsonTransform json(sluice::host_config<JsonTransform>(R"({"fields": {"id": "int64"}})"));
  expect_schema_defaults_parsed(JsonTransform::info.config_schema, {{"source", json.source()}});
}

}  // namespace
}  // namespace sluice::standard
