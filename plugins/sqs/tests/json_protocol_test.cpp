// The AWS JSON 1.0 protocol against canned replies, as AWS and the
// local-aws-sqs emulator write them, and against malformed ones.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sqs_protocol.h"

namespace sluice::sqs {
namespace {

using Json = nlohmann::json;
constexpr char kQueueUrl[] = "https://sqs.eu-west-1.amazonaws.com/123456789012/logins";

class JsonProtocolTest : public testing::Test {
 protected:
  std::unique_ptr<SqsProtocol> protocol = make_json_protocol();
};

TEST_F(JsonProtocolTest, EncodesReceiveWithTargetAttributesAndWait) {
  auto call = protocol->encode_receive(kQueueUrl, ReceiveRequest{7, 20, 45});
  EXPECT_EQ(*find_header(call.headers, "content-type"), "application/x-amz-json-1.0");
  EXPECT_EQ(*find_header(call.headers, "x-amz-target"), "AmazonSQS.ReceiveMessage");
  auto body = Json::parse(call.body);
  EXPECT_EQ(body["QueueUrl"], kQueueUrl);
  EXPECT_EQ(body["MaxNumberOfMessages"], 7);
  EXPECT_EQ(body["WaitTimeSeconds"], 20);
  EXPECT_EQ(body["VisibilityTimeout"], 45);
  auto wanted = Json::array({"SentTimestamp", "ApproximateReceiveCount"});
  EXPECT_EQ(body["MessageSystemAttributeNames"], wanted);
  EXPECT_EQ(body["AttributeNames"], wanted);
}

TEST_F(JsonProtocolTest, LeavesTheVisibilityTimeoutToTheQueueWhenUnset) {
  auto body = Json::parse(protocol->encode_receive(kQueueUrl, ReceiveRequest{10, 0, std::nullopt}).body);
  EXPECT_FALSE(body.contains("VisibilityTimeout"));
}

TEST_F(JsonProtocolTest, EncodesVisibilityBatchEntriesWithTheirTimeouts) {
  auto call = protocol->encode_batch(SqsAction::kChangeMessageVisibilityBatch, kQueueUrl,
                                     {{"0", "rh-a", 30}, {"1", "rh-b", 0}});
  EXPECT_EQ(*find_header(call.headers, "x-amz-target"), "AmazonSQS.ChangeMessageVisibilityBatch");
  auto body = Json::parse(call.body);
  EXPECT_EQ(body["Entries"], Json::parse(R"([{"Id":"0","ReceiptHandle":"rh-a","VisibilityTimeout":30},
                                             {"Id":"1","ReceiptHandle":"rh-b","VisibilityTimeout":0}])"));
}

TEST_F(JsonProtocolTest, EncodesDeleteBatchEntriesWithoutTimeouts) {
  auto body =
      Json::parse(protocol->encode_batch(SqsAction::kDeleteMessageBatch, kQueueUrl, {{"0", "rh-a"}}).body);
  EXPECT_EQ(body["Entries"], Json::parse(R"([{"Id":"0","ReceiptHandle":"rh-a"}])"));
}

TEST_F(JsonProtocolTest, EscapesWhatAReceiptHandleOrQueueUrlHolds) {
  const std::string handle = "q\"b\\s/\n\t\x01 \u00e9\u2603";
  const std::string queue_url = std::string(kQueueUrl) + "?\"x";
  const std::string escapes_at_both_ends = "\"edge\x1f";
  auto body = Json::parse(protocol
                              ->encode_batch(SqsAction::kDeleteMessageBatch, queue_url,
                                             {{"7", handle}, {"8", escapes_at_both_ends}})
                              .body);
  EXPECT_EQ(body["QueueUrl"], queue_url);
  EXPECT_EQ(body["Entries"][0]["ReceiptHandle"], handle);
  EXPECT_EQ(body["Entries"][0]["Id"], "7");
  EXPECT_EQ(body["Entries"][1]["ReceiptHandle"], escapes_at_both_ends);
}

TEST_F(JsonProtocolTest, EncodesAnEmptyBatchAsAnEmptyEntryList) {
  auto body = Json::parse(protocol->encode_batch(SqsAction::kDeleteMessageBatch, kQueueUrl, {}).body);
  EXPECT_EQ(body["Entries"], Json::array());
}

TEST_F(JsonProtocolTest, EncodesGetQueueAttributes) {
  auto call = protocol->encode_get_queue_attributes(kQueueUrl, {"VisibilityTimeout"});
  EXPECT_EQ(*find_header(call.headers, "x-amz-target"), "AmazonSQS.GetQueueAttributes");
  EXPECT_EQ(Json::parse(call.body)["AttributeNames"], Json::array({"VisibilityTimeout"}));
}

TEST_F(JsonProtocolTest, DecodesReceivedMessagesWithTheirAttributes) {
  auto messages = protocol->decode_receive(R"({"Messages":[
      {"Body":"{\"a\":\"<b>&\\\"q\\\" \u00e9\"}","MD5OfBody":"c7","MessageId":"4a2a","ReceiptHandle":"NTc0",
       "Attributes":{"SentTimestamp":"1795235481370","ApproximateReceiveCount":"2"}},
      {"Body":"line1\nline2","MessageId":"cfe8","ReceiptHandle":"NDE0"}]})");
  ASSERT_TRUE(messages.ok()) << messages.status().message();
  ASSERT_EQ(messages->size(), 2u);
  const auto& first = (*messages)[0];
  EXPECT_EQ(first.message_id, "4a2a");
  EXPECT_EQ(first.receipt_handle, "NTc0");
  EXPECT_EQ(first.body, "{\"a\":\"<b>&\\\"q\\\" \xC3\xA9\"}");
  EXPECT_EQ(first.sent_timestamp_ms, 1795235481370);
  EXPECT_EQ(first.receive_count, 2);
  EXPECT_EQ((*messages)[1].body, "line1\nline2");
  EXPECT_EQ((*messages)[1].sent_timestamp_ms, std::nullopt);
}

TEST_F(JsonProtocolTest, ReadsAnEmptyReceiveInAllItsForms) {
  for (const char* body : {"{}", "", "  \n", R"({"Messages":[]})", R"({"Messages":null})"}) {
    auto messages = protocol->decode_receive(body);
    ASSERT_TRUE(messages.ok()) << body;
    EXPECT_TRUE(messages->empty()) << body;
  }
}

TEST_F(JsonProtocolTest, ReadsUnparseableAttributesAsUnknown) {
  auto messages = protocol->decode_receive(
      R"({"Messages":[{"Body":"b","MessageId":"m","ReceiptHandle":"r",
          "Attributes":{"SentTimestamp":"soon","ApproximateReceiveCount":"-1"}}]})");
  ASSERT_TRUE(messages.ok());
  EXPECT_EQ((*messages)[0].sent_timestamp_ms, std::nullopt);
  EXPECT_EQ((*messages)[0].receive_count, std::nullopt);
}

// Found by fuzz/sqs_json_protocol_fuzzer: a JSON number beyond int64 read as a negative count.
TEST_F(JsonProtocolTest, ReadsNumericAttributesBeyondInt64AsUnknown) {
  auto messages = protocol->decode_receive(
      R"({"Messages":[{"Body":"b","MessageId":"m","ReceiptHandle":"r",
          "Attributes":{"SentTimestamp":1795235481370,"ApproximateReceiveCount":18446744073709551615}}]})");
  ASSERT_TRUE(messages.ok());
  EXPECT_EQ((*messages)[0].sent_timestamp_ms, 1795235481370);
  EXPECT_EQ((*messages)[0].receive_count, std::nullopt);
}

// The decoder reuses one parser per thread: a reply must not leak into the
// messages of the one before, and bodies keep every byte (NUL included).
TEST_F(JsonProtocolTest, EachReplyDecodesOnItsOwnWithTheParserReused) {
  auto first =
      protocol->decode_receive(R"({"Messages":[{"Body":"a\u0000b","MessageId":"m1","ReceiptHandle":"r1"}]})");
  auto second =
      protocol->decode_receive(R"({"Messages":[{"Body":"longer body","MessageId":"m2","ReceiptHandle":"r2"},
      {"Body":"x","MessageId":"m3","ReceiptHandle":"r3"}]})");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].body, std::string("a\0b", 3));
  EXPECT_EQ((*first)[0].receipt_handle, "r1");
  ASSERT_EQ(second->size(), 2u);
  EXPECT_EQ((*second)[0].body, "longer body");
  EXPECT_EQ((*second)[1].message_id, "m3");
}

class MalformedJsonReceive : public JsonProtocolTest, public testing::WithParamInterface<const char*> {};

TEST_P(MalformedJsonReceive, IsAMalformedError) {
  auto messages = protocol->decode_receive(GetParam());
  ASSERT_FALSE(messages.ok());
  EXPECT_EQ(error_kind(messages.status()), ErrorKind::kMalformed);
}

INSTANTIATE_TEST_SUITE_P(
    Replies, MalformedJsonReceive,
    testing::Values("{", "[]", "\"x\"", "<xml/>", R"({"Messages":{}})", R"({"Messages":[1]})",
                    R"({"Messages":[{"Body":"b","ReceiptHandle":"r"}]})",
                    R"({"Messages":[{"Body":"b","MessageId":"m"}]})",
                    R"({"Messages":[{"Body":"b","MessageId":"","ReceiptHandle":"r"}]})",
                    R"({"Messages":[{"Body":"b","MessageId":7,"ReceiptHandle":"r"}]})",
                    "{\"Messages\":[{\"Body\":\"\xC3\",\"MessageId\":\"m\",\"ReceiptHandle\":\"r\"}]}"));

TEST_F(JsonProtocolTest, DecodesPartialBatchFailures) {
  auto result = protocol->decode_batch(SqsAction::kDeleteMessageBatch, R"({
      "Successful":[{"Id":"0"},{"Id":"2"}],
      "Failed":[{"Code":"ReceiptHandleIsInvalid","Id":"1","Message":"The input receipt handle is not valid.",
                 "SenderFault":true},
                {"Code":"InternalError","Id":"3","SenderFault":false}]})");
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->succeeded_ids, (std::vector<std::string>{"0", "2"}));
  ASSERT_EQ(result->failed.size(), 2u);
  EXPECT_EQ(result->failed[0].id, "1");
  EXPECT_EQ(result->failed[0].code, "ReceiptHandleIsInvalid");
  EXPECT_TRUE(result->failed[0].sender_fault);
  EXPECT_EQ(result->failed[1].id, "3");
  EXPECT_FALSE(result->failed[1].sender_fault);
}

TEST_F(JsonProtocolTest, RefusesBatchRepliesOfTheWrongShape) {
  for (const char* body : {R"({"Successful":{}})", R"({"Failed":"x"})", R"({"Successful":[3]})", "nope"}) {
    auto result = protocol->decode_batch(SqsAction::kDeleteMessageBatch, body);
    ASSERT_FALSE(result.ok()) << body;
    EXPECT_EQ(error_kind(result.status()), ErrorKind::kMalformed) << body;
  }
}

TEST_F(JsonProtocolTest, DecodesQueueAttributes) {
  auto attributes = protocol->decode_queue_attributes(
      R"({"Attributes":{"VisibilityTimeout":"30","ApproximateNumberOfMessages":"2"}})");
  ASSERT_TRUE(attributes.ok());
  EXPECT_EQ(attributes->at("VisibilityTimeout"), "30");
  EXPECT_FALSE(protocol->decode_queue_attributes(R"({"Attributes":[]})").ok());
}

TEST_F(JsonProtocolTest, DecodesErrorTypeMessageAndLegacyCode) {
  HttpResponse response{
      400,
      {{"x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender"}},
      R"({"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."})"};
  auto reply = protocol->decode_error(response);
  EXPECT_EQ(reply.http_status, 400);
  EXPECT_EQ(reply.code, "QueueDoesNotExist");
  EXPECT_EQ(reply.legacy_code, "AWS.SimpleQueueService.NonExistentQueue");
  EXPECT_EQ(reply.message, "The specified queue does not exist.");
}

TEST_F(JsonProtocolTest, DecodesErrorTypesWithAUrlSuffix) {
  HttpResponse response{
      400,
      {},
      R"({"__type":"UnrecognizedClientException:http://internal.amazon.com/coral/","Message":"bad token"})"};
  auto reply = protocol->decode_error(response);
  EXPECT_EQ(reply.code, "UnrecognizedClientException");
  EXPECT_EQ(reply.message, "bad token");
}

TEST_F(JsonProtocolTest, KeepsOnlyTheStatusOfAnUnreadableErrorBody) {
  auto reply = protocol->decode_error(HttpResponse{502, {}, "<html>Bad Gateway</html>"});
  EXPECT_EQ(reply.http_status, 502);
  EXPECT_TRUE(reply.code.empty());
  EXPECT_TRUE(reply.message.empty());
}

}  // namespace
}  // namespace sluice::sqs
