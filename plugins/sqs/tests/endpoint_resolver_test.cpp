#include "endpoint_resolver.h"

#include <gtest/gtest.h>

#include "fake_environment.h"

namespace sluice::sqs {
namespace {

using testing_support::FakeSystem;

constexpr char kLocalQueue[] = "http://localhost:4566/000000000000/logins";
constexpr char kAwsQueue[] = "https://sqs.eu-west-1.amazonaws.com/123456789012/logins";

class EndpointResolverTest : public testing::Test {
 protected:
  Result<ResolvedEndpoint> resolve(const EndpointOptions& options) {
    return resolve_endpoint(options, system.environment());
  }
  FakeSystem system;
};

TEST_F(EndpointResolverTest, TheQueueUrlIsTheEndpointByDefault) {
  auto resolved = resolve({.queue_url = kLocalQueue});
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->endpoint.to_string(), "http://localhost:4566/");
  EXPECT_EQ(resolved->queue_url.to_string(), kLocalQueue);
}

TEST_F(EndpointResolverTest, TheEndpointOptionBeatsTheEnvironment) {
  system.variables = {{"AWS_ENDPOINT_URL_SQS", "http://sqs-env:1"}, {"AWS_ENDPOINT_URL", "http://all-env:2"}};
  auto resolved = resolve({.queue_url = kLocalQueue, .endpoint = "http://option:3/prefix"});
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(resolved->endpoint.to_string(), "http://option:3/prefix");
}

TEST_F(EndpointResolverTest, TheSqsEndpointVariableBeatsTheGeneralOne) {
  system.variables = {{"AWS_ENDPOINT_URL_SQS", "http://sqs-env:1"}, {"AWS_ENDPOINT_URL", "http://all-env:2"}};
  EXPECT_EQ(resolve({.queue_url = kLocalQueue})->endpoint.origin(), "http://sqs-env:1");
  system.variables.erase("AWS_ENDPOINT_URL_SQS");
  EXPECT_EQ(resolve({.queue_url = kLocalQueue})->endpoint.origin(), "http://all-env:2");
}

TEST_F(EndpointResolverTest, BadUrlsNameWhereTheyCameFrom) {
  for (auto [options, origin] :
       {std::pair{EndpointOptions{.queue_url = "localhost:4566/q"}, "queue_url"},
        std::pair{EndpointOptions{.queue_url = kLocalQueue, .endpoint = "ftp://x"}, "endpoint"}}) {
    auto resolved = resolve(options);
    ASSERT_FALSE(resolved.ok());
    EXPECT_EQ(error_kind(resolved.status()), ErrorKind::kConfig);
    EXPECT_TRUE(resolved.status().message().starts_with(origin)) << resolved.status().message();
  }
  system.variables["AWS_ENDPOINT_URL_SQS"] = "not a url";
  EXPECT_TRUE(resolve({.queue_url = kLocalQueue}).status().message().starts_with("AWS_ENDPOINT_URL_SQS"));
}

TEST_F(EndpointResolverTest, AQueueUrlWithoutAQueueIsRefused) {
  auto resolved = resolve({.queue_url = "http://localhost:4566/"});
  ASSERT_FALSE(resolved.ok());
  EXPECT_NE(resolved.status().message().find("names no queue"), std::string::npos);
  EXPECT_FALSE(resolve({}).ok());
}

TEST_F(EndpointResolverTest, TheRegionOptionComesFirst) {
  system.variables = {{"AWS_REGION", "us-west-2"}};
  EXPECT_EQ(resolve({.queue_url = kAwsQueue, .region = "ap-south-1"})->region, "ap-south-1");
}

TEST_F(EndpointResolverTest, AnAwsQueueUrlNamesItsRegionOverTheEnvironment) {
  system.variables = {{"AWS_REGION", "us-west-2"}};
  EXPECT_EQ(resolve({.queue_url = kAwsQueue})->region, "eu-west-1");
}

TEST_F(EndpointResolverTest, OtherwiseAwsRegionThenAwsDefaultRegion) {
  system.variables = {{"AWS_REGION", "us-west-2"}, {"AWS_DEFAULT_REGION", "eu-north-1"}};
  EXPECT_EQ(resolve({.queue_url = kLocalQueue})->region, "us-west-2");
  system.variables.erase("AWS_REGION");
  EXPECT_EQ(resolve({.queue_url = kLocalQueue})->region, "eu-north-1");
  system.variables.clear();
  EXPECT_EQ(resolve({.queue_url = kLocalQueue})->region, "us-east-1");
}

TEST_F(EndpointResolverTest, AnAwsEndpointWithoutAKnownRegionIsAnError) {
  auto resolved = resolve({.queue_url = "https://vpce-1.sqs.amazonaws.com/1/q"});
  ASSERT_FALSE(resolved.ok());
  EXPECT_NE(resolved.status().message().find("set the region option or AWS_REGION"), std::string::npos);
}

TEST(RegionOfAwsHost, ReadsEveryHostShape) {
  EXPECT_EQ(region_of_aws_host("sqs.us-east-2.amazonaws.com"), "us-east-2");
  EXPECT_EQ(region_of_aws_host("eu-west-1.queue.amazonaws.com"), "eu-west-1");
  EXPECT_EQ(region_of_aws_host("queue.amazonaws.com"), "us-east-1");
  EXPECT_EQ(region_of_aws_host("sqs.cn-north-1.amazonaws.com.cn"), "cn-north-1");
  EXPECT_EQ(region_of_aws_host("sqs-fips.us-gov-west-1.amazonaws.com"), "us-gov-west-1");
  EXPECT_EQ(region_of_aws_host("vpce-0a.sqs.ap-southeast-4.vpce.amazonaws.com"), "ap-southeast-4");
  EXPECT_EQ(region_of_aws_host("sqs.us-east-1.localhost.localstack.cloud"), std::nullopt);
  EXPECT_EQ(region_of_aws_host("localhost"), std::nullopt);
  EXPECT_EQ(region_of_aws_host("evil-amazonaws.com"), std::nullopt);
}

}  // namespace
}  // namespace sluice::sqs
