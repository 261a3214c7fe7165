// The actions as a client sees them, without sockets: JSON in, JSON out.
#include "sqs_service.h"

#include <gtest/gtest.h>

#include <simdjson.h>

namespace sqs_server {
namespace {

using namespace std::chrono_literals;

const Clock::time_point t0 = Clock::time_point(100h);

class SqsServiceTest : public testing::Test {
 protected:
  Reply call(std::string_view action, const std::string& body, Clock::time_point now = t0) {
    auto outcome = service.handle(action, body, now);
    EXPECT_FALSE(outcome.waiting.has_value()) << action;
    return outcome.reply;
  }

  simdjson::dom::element json(const Reply& reply) {
    simdjson::dom::element element;
    EXPECT_EQ(parser.parse(reply.body).get(element), simdjson::SUCCESS) << reply.body;
    return element;
  }

  std::string create(const std::string& name) {
    auto reply = call("CreateQueue", R"({"QueueName":")" + name + R"("})");
    return std::string(json(reply)["QueueUrl"].get_string().value());
  }

  std::string send_batch(const std::string& url, int n) {
    std::string entries;
    for (int i = 0; i < n; ++i) {
      entries += (i ? "," : "") + std::string(R"({"Id":"e)") + std::to_string(i) +
                 R"(","MessageBody":"body )" + std::to_string(i) + R"("})";
    }
    return call("SendMessageBatch", R"({"QueueUrl":")" + url + R"(","Entries":[)" + entries + "]}").body;
  }

  std::vector<std::string> receive_handles(const std::string& url, int max) {
    auto reply = call("ReceiveMessage",
                      R"({"QueueUrl":")" + url + R"(","MaxNumberOfMessages":)" + std::to_string(max) + "}");
    std::vector<std::string> handles;
    simdjson::dom::array messages;
    if (json(reply)["Messages"].get_array().get(messages) != simdjson::SUCCESS) return handles;
    for (auto message : messages) handles.emplace_back(message["ReceiptHandle"].get_string().value());
    return handles;
  }

  QueueRegistry queues{"http://127.0.0.1:9999"};
  ActionCounters counters;
  SqsService service{queues, counters};
  simdjson::dom::parser parser;
};

TEST_F(SqsServiceTest, QueueUrlsNameTheEndpointAndTheQueue) {
  EXPECT_EQ(create("logins"), "http://127.0.0.1:9999/000000000000/logins");
  auto reply = call("GetQueueUrl", R"({"QueueName":"logins"})");
  EXPECT_EQ(json(reply)["QueueUrl"].get_string().value(), "http://127.0.0.1:9999/000000000000/logins");
}

TEST_F(SqsServiceTest, AnUnknownQueueIsQueueDoesNotExist) {
  auto reply = call("ReceiveMessage", R"({"QueueUrl":"http://127.0.0.1:9999/000000000000/nope"})");
  EXPECT_EQ(reply.status, 400u);
  EXPECT_EQ(json(reply)["__type"].get_string().value(), "com.amazonaws.sqs#QueueDoesNotExist");
  EXPECT_EQ(reply.query_error, "AWS.SimpleQueueService.NonExistentQueue;Sender");
}

TEST_F(SqsServiceTest, ReceiveCarriesTheAskedSystemAttributes) {
  auto url = create("q");
  send_batch(url, 1);
  auto reply = call("ReceiveMessage",
                    R"({"QueueUrl":")" + url +
                        R"(","MessageSystemAttributeNames":["SentTimestamp","ApproximateReceiveCount"]})");
  auto message = json(reply)["Messages"].at(0);
  EXPECT_EQ(message["Body"].get_string().value(), "body 0");
  EXPECT_EQ(message["Attributes"]["ApproximateReceiveCount"].get_string().value(), "1");
  EXPECT_GT(std::stoll(std::string(message["Attributes"]["SentTimestamp"].get_string().value())),
            1600000000000);
  EXPECT_EQ(message["MD5OfBody"].get_string().value().size(), 32u);
}

TEST_F(SqsServiceTest, BatchDeleteReportsEachEntry) {
  auto url = create("q");
  send_batch(url, 3);
  auto handles = receive_handles(url, 10);
  ASSERT_EQ(handles.size(), 3u);
  auto reply =
      call("DeleteMessageBatch", R"({"QueueUrl":")" + url + R"(","Entries":[{"Id":"a","ReceiptHandle":")" +
                                     handles[0] + R"("},{"Id":"b","ReceiptHandle":"garbage"},)" +
                                     R"({"Id":"c","ReceiptHandle":")" + handles[2] + R"("}]})");
  auto document = json(reply);
  EXPECT_EQ(document["Successful"].get_array().size(), 2u);
  auto failed = document["Failed"].at(0);
  EXPECT_EQ(failed["Id"].get_string().value(), "b");
  EXPECT_EQ(failed["Code"].get_string().value(), "ReceiptHandleIsInvalid");
  EXPECT_TRUE(failed["SenderFault"].get_bool().value());
  auto counts = call("GetQueueAttributes", R"({"QueueUrl":")" + url + R"(","AttributeNames":["All"]})");
  EXPECT_EQ(json(counts)["Attributes"]["ApproximateNumberOfMessagesNotVisible"].get_string().value(), "1");
}

TEST_F(SqsServiceTest, BatchesMustHoldOneToTenDistinctEntries) {
  auto url = create("q");
  auto empty = call("DeleteMessageBatch", R"({"QueueUrl":")" + url + R"(","Entries":[]})");
  EXPECT_EQ(json(empty)["__type"].get_string().value(), "com.amazonaws.sqs#EmptyBatchRequest");
  std::string eleven;
  for (int i = 0; i < 11; ++i)
    eleven += (i ? "," : "") + std::string(R"({"Id":")") + std::to_string(i) + R"(","ReceiptHandle":"x"})";
  auto too_many = call("DeleteMessageBatch", R"({"QueueUrl":")" + url + R"(","Entries":[)" + eleven + "]}");
  EXPECT_EQ(json(too_many)["__type"].get_string().value(), "com.amazonaws.sqs#TooManyEntriesInBatchRequest");
  auto twice = call("DeleteMessageBatch",
                    R"({"QueueUrl":")" + url +
                        R"(","Entries":[{"Id":"a","ReceiptHandle":"x"},{"Id":"a","ReceiptHandle":"y"}]})");
  EXPECT_EQ(json(twice)["__type"].get_string().value(), "com.amazonaws.sqs#BatchEntryIdsNotDistinct");
}

TEST_F(SqsServiceTest, ChangeVisibilityBatchReleasesAndRefusesStaleHandles) {
  auto url = create("q");
  send_batch(url, 2);
  auto handles = receive_handles(url, 10);
  ASSERT_EQ(handles.size(), 2u);
  call("DeleteMessageBatch",
       R"({"QueueUrl":")" + url + R"(","Entries":[{"Id":"d","ReceiptHandle":")" + handles[1] + R"("}]})");
  auto reply = call("ChangeMessageVisibilityBatch",
                    R"({"QueueUrl":")" + url + R"(","Entries":[{"Id":"0","ReceiptHandle":")" + handles[0] +
                        R"(","VisibilityTimeout":0},{"Id":"1","ReceiptHandle":")" + handles[1] +
                        R"(","VisibilityTimeout":0}]})");
  auto document = json(reply);
  EXPECT_EQ(document["Successful"].at(0)["Id"].get_string().value(), "0");
  EXPECT_EQ(document["Failed"].at(0)["Code"].get_string().value(), "MessageNotInflight");
  EXPECT_EQ(receive_handles(url, 10).size(), 1u);  // released at once
}

TEST_F(SqsServiceTest, AnEmptyReceiveWithAWaitTimeWaitsUntilItsDeadline) {
  auto url = create("q");
  auto outcome = service.handle("ReceiveMessage", R"({"QueueUrl":")" + url + R"(","WaitTimeSeconds":2})", t0);
  ASSERT_TRUE(outcome.waiting.has_value());
  EXPECT_EQ(outcome.waiting->deadline, t0 + 2s);
  EXPECT_FALSE(service.retry_receive(*outcome.waiting, t0 + 1s).has_value());
  send_batch(url, 1);
  auto reply = service.retry_receive(*outcome.waiting, t0 + 1500ms);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(json(*reply)["Messages"].get_array().size(), 1u);
  auto expired = service.handle("ReceiveMessage", R"({"QueueUrl":")" + url + R"(","WaitTimeSeconds":1})", t0);
  ASSERT_TRUE(expired.waiting.has_value());
  auto empty = service.retry_receive(*expired.waiting, t0 + 1s);
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->body, "{}");
}

TEST_F(SqsServiceTest, BadRequestsAreClientErrors) {
  EXPECT_EQ(json(call("ReceiveMessage", "not json"))["__type"].get_string().value(),
            "com.amazonaws.sqs#SerializationException");
  auto url = create("q");
  auto too_many = call("ReceiveMessage", R"({"QueueUrl":")" + url + R"(","MaxNumberOfMessages":11})");
  EXPECT_EQ(json(too_many)["__type"].get_string().value(), "com.amazonaws.sqs#InvalidParameterValue");
  EXPECT_EQ(json(call("Frobnicate", "{}"))["__type"].get_string().value(), "com.amazonaws.sqs#InvalidAction");
  EXPECT_EQ(json(call("CreateQueue", R"({"QueueName":"bad name!"})"))["__type"].get_string().value(),
            "com.amazonaws.sqs#InvalidParameterValue");
}

TEST_F(SqsServiceTest, CountsRequestsByAction) {
  auto url = create("q");
  send_batch(url, 1);
  receive_handles(url, 10);
  call("Frobnicate", "{}");
  auto stats = counters.to_json();
  EXPECT_NE(stats.find("\"CreateQueue\": 1"), std::string::npos) << stats;
  EXPECT_NE(stats.find("\"ReceiveMessage\": 1"), std::string::npos) << stats;
  EXPECT_NE(stats.find("\"Other\": 1"), std::string::npos) << stats;
  EXPECT_NE(stats.find("\"total_requests\": 4"), std::string::npos) << stats;
}

}  // namespace
}  // namespace sqs_server
