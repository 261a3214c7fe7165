// The plugin glue without a host: options and their schema, the Arrow
// batch of received messages, and what each acknowledgement outcome does.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <limits>
#include <set>
#include <string>

#include "batch_registry.h"
#include "message_batch.h"
#include "source_options.h"
#include "sqs_source.h"

namespace sluice::sqs {
namespace {

TEST(SourceOptions, AppliesTheDocumentedDefaults) {
  auto options =
      parse_source_options(sluice::host_config<SqsSource>(R"({"queue_url": "http://localhost:4566/0/q"})"));
  EXPECT_EQ(options.endpoint.queue_url, "http://localhost:4566/0/q");
  EXPECT_EQ(options.protocol, ProtocolKind::kJson);
  EXPECT_EQ(options.wait_time_seconds, 20);
  EXPECT_EQ(options.max_messages, 10);
  EXPECT_EQ(options.concurrency, 4);
  EXPECT_EQ(options.visibility_timeout, std::nullopt);
  EXPECT_EQ(options.max_retries, 8);
}

TEST(SourceOptions, ReadsEveryOption) {
  auto options = parse_source_options(sluice::host_config<SqsSource>(R"({
      "queue_url": "u", "protocol": "query", "endpoint": "http://e", "region": "eu-west-1",
      "wait_time_seconds": 0, "max_messages": 1, "concurrency": 64, "visibility_timeout": 43200,
      "max_retries": 0, "access_key_id": "AKID", "secret_access_key_env": "S", "secret_access_key_file": "/s",
      "session_token_env": "T", "session_token_file": "/t", "profile": "p"})"));
  EXPECT_EQ(options.protocol, ProtocolKind::kQuery);
  EXPECT_EQ(options.endpoint.endpoint, "http://e");
  EXPECT_EQ(options.endpoint.region, "eu-west-1");
  EXPECT_EQ(options.wait_time_seconds, 0);
  EXPECT_EQ(options.max_messages, 1);
  EXPECT_EQ(options.concurrency, 64);
  EXPECT_EQ(options.visibility_timeout, 43200);
  EXPECT_EQ(options.max_retries, 0);
  EXPECT_EQ(options.credentials.access_key_id, "AKID");
  EXPECT_EQ(options.credentials.secret_access_key_env, "S");
  EXPECT_EQ(options.credentials.secret_access_key_file, "/s");
  EXPECT_EQ(options.credentials.session_token_env, "T");
  EXPECT_EQ(options.credentials.session_token_file, "/t");
  EXPECT_EQ(options.credentials.profile, "p");
}

// Options outside the schema's bounds are the host's to refuse, before
// create: tests/integration/test_config_errors.py
// (test_sqs_options_outside_their_schema_fail_validate_not_the_run).
TEST(SourceOptions, RefusesWhatItCannotRead) {
  for (const char* config : {R"({})", R"({"queue_url": "u", "protocol": "xml"})", R"({"queue_url": 7})"}) {
    EXPECT_THROW(parse_source_options(sluice::host_config<SqsSource>(config)), sluice::ConfigError) << config;
  }
}

TEST(SourceOptions, ASecretWhereANameOrPathBelongsIsNotEchoed) {
  // `secret_access_key_env: ${AWS_SECRET_ACCESS_KEY}` and friends, after expansion.
  const std::string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  for (const char* option :
       {"secret_access_key_env", "secret_access_key_file", "session_token_env", "session_token_file"}) {
    nlohmann::json config{
        {"queue_url", "http://localhost:4566/0/q"}, {"access_key_id", "AKID"}, {option, secret}};
    try {
      parse_source_options(sluice::host_config<SqsSource>(sluice::Config(config)));
      ADD_FAILURE() << option << " accepted";
    } catch (const sluice::ConfigError& error) {
      std::string message = error.what();
      EXPECT_NE(message.find("looks like a secret"), std::string::npos) << message;
      EXPECT_NE(message.find(option), std::string::npos) << message;
      EXPECT_EQ(message.find("EXAMPLEKEY"), std::string::npos) << message;
    }
  }
}

TEST(SourceOptions, ASecretFileOthersCanReadIsRefused) {
  const std::string path = ::testing::TempDir() + "sluice_sqs_open_secret";
  std::ofstream(path) << "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
  nlohmann::json config{{"queue_url", "http://localhost:4566/0/q"},
                        {"access_key_id", "AKID"},
                        {"secret_access_key_file", path}};
  ::chmod(path.c_str(), 0604);
  try {
    parse_source_options(sluice::host_config<SqsSource>(sluice::Config(config)));
    ADD_FAILURE() << "a file others can read was accepted";
  } catch (const sluice::ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("accessible by others"), std::string::npos) << error.what();
  }
  ::chmod(path.c_str(), 0600);
  EXPECT_EQ(parse_source_options(sluice::host_config<SqsSource>(sluice::Config(config)))
                .credentials.secret_access_key_file,
            path);
  std::remove(path.c_str());
}

TEST(SourceOptions, TheSchemaDeclaresExactlyTheOptionsRead) {
  auto schema = nlohmann::json::parse(kSourceOptionsSchema);
  EXPECT_EQ(schema["additionalProperties"], false);
  EXPECT_EQ(schema["required"], nlohmann::json::array({"queue_url"}));
  std::set<std::string> declared;
  for (const auto& [name, property] : schema["properties"].items()) {
    declared.insert(name);
    EXPECT_TRUE(property.contains("description")) << name;
  }
  EXPECT_EQ(declared, (std::set<std::string>{
                          "queue_url", "protocol", "endpoint", "region", "wait_time_seconds", "max_messages",
                          "concurrency", "visibility_timeout", "max_retries", "access_key_id",
                          "secret_access_key_env", "secret_access_key_file", "session_token_env",
                          "session_token_file", "profile", "role_arn", "external_id", "role_session_name"}));
}

TEST(MessageBatch, HoldsTheFourColumnsWithTheirTypes) {
  auto batch = to_batch({Message{"m-1", "rh-1", "{\"a\":1}", 1'700'000'000'123, 2},
                         Message{"m-2", "rh-2", "", std::nullopt, std::nullopt}});
  ASSERT_EQ(batch.num_rows(), 2);
  auto ids = batch.column("message_id").view();
  auto bodies = batch.column("body").view();
  auto sent = batch.column("sent_timestamp").view();
  auto counts = batch.column("receive_count").view();
  EXPECT_EQ(ids.format(), "u");
  EXPECT_EQ(bodies.format(), "u");
  EXPECT_EQ(sent.format(), "tsu:UTC");
  EXPECT_EQ(counts.format(), "l");
  EXPECT_EQ(ids.string(1), "m-2");
  EXPECT_EQ(bodies.string(0), "{\"a\":1}");
  EXPECT_EQ(bodies.string(1), "");
  EXPECT_EQ(sent.timestamp_us(0), 1'700'000'000'123'000);
  EXPECT_TRUE(sent.is_null(1));
  EXPECT_EQ(counts.int64(0), 2);
  EXPECT_TRUE(counts.is_null(1));
}

TEST(MessageBatch, LeavesATimestampBeyondRangeNull) {
  auto batch = to_batch({Message{"m", "rh", "b", std::numeric_limits<std::int64_t>::max(), 1}});
  EXPECT_TRUE(batch.column("sent_timestamp").view().is_null(0));
}

TEST(BatchRegistry, MapsEachOutcomeToWhatHappensInTheQueue) {
  EXPECT_EQ(disposition_of(SLUICE_ROW_DONE), Disposition::kDelete);
  EXPECT_EQ(disposition_of(SLUICE_ROW_DEAD_LETTERED), Disposition::kDelete);
  EXPECT_EQ(disposition_of(SLUICE_ROW_REJECTED), Disposition::kAbandon);
  EXPECT_EQ(disposition_of(SLUICE_ROW_FAILED), Disposition::kRelease);
  EXPECT_EQ(disposition_of(42), Disposition::kRelease);
}

TEST(BatchRegistry, SettlesEachBatchOnceRowByRow) {
  BatchRegistry registry;
  auto first = registry.register_batch({"a", "b", "c"});
  auto second = registry.register_batch({"d"});
  EXPECT_NE(first, second);
  const std::int8_t outcomes[] = {SLUICE_ROW_DONE, SLUICE_ROW_REJECTED, SLUICE_ROW_FAILED};
  auto settlements = registry.settle(first, outcomes);
  ASSERT_EQ(settlements.size(), 3u);
  EXPECT_EQ(settlements[1].receipt_handle, "b");
  EXPECT_EQ(settlements[1].disposition, Disposition::kAbandon);
  EXPECT_EQ(registry.open_batches(), 1u);
  EXPECT_THROW(registry.settle(first, outcomes), sluice::InternalError);
}

TEST(BatchRegistry, RefusesAnAcknowledgementOfTheWrongLength) {
  BatchRegistry registry;
  auto id = registry.register_batch({"a", "b"});
  const std::int8_t one[] = {SLUICE_ROW_DONE};
  EXPECT_THROW(registry.settle(id, one), sluice::InternalError);
}

}  // namespace
}  // namespace sluice::sqs
