// Each option's default is stated once, in the source's JSON Schema, and the
// host fills it in: a source given only its required options must parse to
// exactly the schema's defaults. The walk fails when the schema gains a
// default that no check here reads back.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "source_options.h"
#include "sqs_source.h"

namespace sluice::sqs {
namespace {

std::string protocol_name(ProtocolKind protocol) {
  return protocol == ProtocolKind::kQuery ? "query" : "json";
}

TEST(SchemaDefaults, SqsSourceParsesTheSchemasDefaults) {
  const SourceOptions options =
      parse_source_options(sluice::host_config<SqsSource>(R"({"queue_url": "http://localhost:4566/0/q"})"));
  const std::map<std::string, nlohmann::json> parsed{{"protocol", protocol_name(options.protocol)},
                                                     {"wait_time_seconds", options.wait_time_seconds},
                                                     {"max_messages", options.max_messages},
                                                     {"concurrency", options.concurrency},
                                                     {"max_retries", options.max_retries}};
  for (const std::string& mismatch : sluice::schema_default_mismatches(kSourceOptionsSchema, parsed)) {
    ADD_FAILURE() << mismatch;
  }
  EXPECT_EQ(options.visibility_timeout, std::nullopt);  // no default: the queue's own
}

TEST(SchemaDefaults, AnOptionTheHostDidNotFillIsAConfigurationError) {
  // Without the host's defaults the glue has nothing to fall back on.
  EXPECT_THROW(parse_source_options(sluice::Config::parse(R"({"queue_url": "u"})")), sluice::ConfigError);
}

}  // namespace
}  // namespace sluice::sqs
