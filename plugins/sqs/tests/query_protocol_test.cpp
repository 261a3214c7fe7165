// The query protocol against canned XML replies, as AWS and the
// local-aws-sqs emulator write them, and against malformed ones.
#include <gtest/gtest.h>

#include "sqs_protocol.h"

namespace sluice::sqs {
namespace {

constexpr char kQueueUrl[] = "http://localhost:4566/000000000000/logins";

class QueryProtocolTest : public testing::Test {
 protected:
  std::unique_ptr<SqsProtocol> protocol = make_query_protocol();
};

TEST_F(QueryProtocolTest, EncodesReceiveAsAForm) {
  auto call = protocol->encode_receive(kQueueUrl, ReceiveRequest{10, 5, 30});
  EXPECT_EQ(*find_header(call.headers, "content-type"), "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_EQ(find_header(call.headers, "x-amz-target"), nullptr);
  EXPECT_EQ(
      call.body,
      "Action=ReceiveMessage&Version=2012-11-05"
      "&QueueUrl=http%3A%2F%2Flocalhost%3A4566%2F000000000000%2Flogins"
      "&MaxNumberOfMessages=10&WaitTimeSeconds=5&VisibilityTimeout=30"
      "&AttributeName.1=SentTimestamp&AttributeName.2=ApproximateReceiveCount"
      "&MessageSystemAttributeName.1=SentTimestamp&MessageSystemAttributeName.2=ApproximateReceiveCount");
}

TEST_F(QueryProtocolTest, EncodesBatchEntriesNumberedFromOne) {
  auto call = protocol->encode_batch(SqsAction::kChangeMessageVisibilityBatch, kQueueUrl,
                                     {{"0", "a+b/c=", 60}, {"1", "d", 0}});
  EXPECT_NE(call.body.find("&ChangeMessageVisibilityBatchRequestEntry.1.Id=0"
                           "&ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle=a%2Bb%2Fc%3D"
                           "&ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout=60"
                           "&ChangeMessageVisibilityBatchRequestEntry.2.Id=1"),
            std::string::npos)
      << call.body;
  auto deletes = protocol->encode_batch(SqsAction::kDeleteMessageBatch, kQueueUrl, {{"0", "h"}});
  EXPECT_NE(deletes.body.find("Action=DeleteMessageBatch&"), std::string::npos);
  EXPECT_NE(deletes.body.find("&DeleteMessageBatchRequestEntry.1.ReceiptHandle=h"), std::string::npos);
  EXPECT_EQ(deletes.body.find("VisibilityTimeout"), std::string::npos);
}

TEST_F(QueryProtocolTest, DecodesReceivedMessagesAsTheEmulatorWritesThem) {
  auto messages = protocol->decode_receive(R"(<?xml version="1.0"?>
    <ReceiveMessageResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">
       <ReceiveMessageResult>
<Message>
          <MessageId>4a2a1ad2-3c79-481f-9829-3f41667aa905</MessageId>
          <ReceiptHandle>ZWVm+/=</ReceiptHandle>
          <MD5OfBody>c7923cb92e8970df88c5443d524be322</MD5OfBody>
          <Body>{&quot;a&quot;:&quot;&lt;b&gt;&amp;&quot; é&#xD;
x&quot;}</Body>
<Attribute>
                  <Name>SentTimestamp</Name>
                  <Value>1795235481370</Value>
              </Attribute>
<Attribute>
                  <Name>ApproximateReceiveCount</Name>
                  <Value>1</Value>
              </Attribute>
</Message>
</ReceiveMessageResult>
       <ResponseMetadata><RequestId>f4a6</RequestId></ResponseMetadata>
    </ReceiveMessageResponse>)");
  ASSERT_TRUE(messages.ok()) << messages.status().message();
  ASSERT_EQ(messages->size(), 1u);
  const auto& message = (*messages)[0];
  EXPECT_EQ(message.message_id, "4a2a1ad2-3c79-481f-9829-3f41667aa905");
  EXPECT_EQ(message.receipt_handle, "ZWVm+/=");
  EXPECT_EQ(message.body, "{\"a\":\"<b>&\" \xC3\xA9\r\nx\"}");
  EXPECT_EQ(message.sent_timestamp_ms, 1795235481370);
  EXPECT_EQ(message.receive_count, 1);
}

TEST_F(QueryProtocolTest, ReadsAnEmptyReceive) {
  auto messages = protocol->decode_receive(
      "<ReceiveMessageResponse><ReceiveMessageResult/><ResponseMetadata/></ReceiveMessageResponse>");
  ASSERT_TRUE(messages.ok()) << messages.status().message();
  EXPECT_TRUE(messages->empty());
}

class MalformedQueryReceive : public QueryProtocolTest, public testing::WithParamInterface<const char*> {};

TEST_P(MalformedQueryReceive, IsAMalformedError) {
  auto messages = protocol->decode_receive(GetParam());
  ASSERT_FALSE(messages.ok());
  EXPECT_EQ(error_kind(messages.status()), ErrorKind::kMalformed);
}

INSTANTIATE_TEST_SUITE_P(
    Replies, MalformedQueryReceive,
    testing::Values("", "{}", "<ReceiveMessageResponse>",
                    "<SendMessageResponse><SendMessageResult/></SendMessageResponse>",
                    "<ReceiveMessageResponse></ReceiveMessageResponse>",
                    "<ReceiveMessageResponse><ReceiveMessageResult><Message><ReceiptHandle>r</ReceiptHandle>"
                    "</Message></ReceiveMessageResult></ReceiveMessageResponse>",
                    "<ReceiveMessageResponse><ReceiveMessageResult><Message><MessageId>m</MessageId>"
                    "</Message></ReceiveMessageResult></ReceiveMessageResponse>",
                    // The emulator leaves '<' and '&' in bodies unescaped;
                    // that is not XML and must not pass as a message.
                    "<ReceiveMessageResponse><ReceiveMessageResult><Message><MessageId>m</MessageId>"
                    "<ReceiptHandle>r</ReceiptHandle><Body>a & b</Body></Message></ReceiveMessageResult>"
                    "</ReceiveMessageResponse>"));

TEST_F(QueryProtocolTest, DecodesPartialBatchFailures) {
  auto result = protocol->decode_batch(SqsAction::kDeleteMessageBatch, R"(<?xml version="1.0"?>
  <DeleteMessageBatchResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">
      <DeleteMessageBatchResult>
        <DeleteMessageBatchResultEntry><Id>0</Id></DeleteMessageBatchResultEntry>
        <BatchResultErrorEntry>
    <Id>1</Id>
    <Code>ReceiptHandleIsInvalid</Code>
    <Message>The input receipt handle &quot;bogus&quot; is not valid.</Message>
    <SenderFault>true</SenderFault>
</BatchResultErrorEntry>
        <BatchResultErrorEntry><Id>2</Id><Code>InternalError</Code><SenderFault>false</SenderFault></BatchResultErrorEntry>
      </DeleteMessageBatchResult>
      <ResponseMetadata><RequestId>2af4</RequestId></ResponseMetadata>
  </DeleteMessageBatchResponse>)");
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->succeeded_ids, std::vector<std::string>{"0"});
  ASSERT_EQ(result->failed.size(), 2u);
  EXPECT_EQ(result->failed[0].message, "The input receipt handle \"bogus\" is not valid.");
  EXPECT_TRUE(result->failed[0].sender_fault);
  EXPECT_FALSE(result->failed[1].sender_fault);
}

TEST_F(QueryProtocolTest, ReadsVisibilityBatchResultsUnderTheirOwnNames) {
  auto result = protocol->decode_batch(
      SqsAction::kChangeMessageVisibilityBatch,
      "<ChangeMessageVisibilityBatchResponse><ChangeMessageVisibilityBatchResult>"
      "<ChangeMessageVisibilityBatchResultEntry><Id>4</Id></ChangeMessageVisibilityBatchResultEntry>"
      "</ChangeMessageVisibilityBatchResult></ChangeMessageVisibilityBatchResponse>");
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->succeeded_ids, std::vector<std::string>{"4"});
  EXPECT_FALSE(
      protocol
          ->decode_batch(SqsAction::kDeleteMessageBatch,
                         "<ChangeMessageVisibilityBatchResponse><ChangeMessageVisibilityBatchResult/>"
                         "</ChangeMessageVisibilityBatchResponse>")
          .ok());
}

TEST_F(QueryProtocolTest, DecodesQueueAttributes) {
  auto attributes = protocol->decode_queue_attributes(
      "<GetQueueAttributesResponse><GetQueueAttributesResult>"
      "<Attribute><Name>VisibilityTimeout</Name><Value>30</Value></Attribute>"
      "<Attribute><Name>QueueArn</Name><Value>arn:aws:sqs:us-east-1:000000000000:q1</Value></Attribute>"
      "</GetQueueAttributesResult></GetQueueAttributesResponse>");
  ASSERT_TRUE(attributes.ok()) << attributes.status().message();
  EXPECT_EQ(attributes->at("VisibilityTimeout"), "30");
  EXPECT_EQ(attributes->at("QueueArn"), "arn:aws:sqs:us-east-1:000000000000:q1");
}

TEST_F(QueryProtocolTest, DecodesAnErrorResponse) {
  auto reply = protocol->decode_error(HttpResponse{400, {}, R"(<?xml version="1.0"?>
    <ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">
        <Error>
            <Type>Sender</Type>
            <Code>AWS.SimpleQueueService.NonExistentQueue</Code>
            <Message>The specified queue does not exist for this wsdl version.</Message>
            <Detail/>
        </Error>
        <RequestId>1bb3</RequestId>
    </ErrorResponse>)"});
  EXPECT_EQ(reply.code, "AWS.SimpleQueueService.NonExistentQueue");
  EXPECT_EQ(reply.message, "The specified queue does not exist for this wsdl version.");
}

TEST_F(QueryProtocolTest, DecodesAnErrorsListResponse) {
  auto reply =
      protocol->decode_error(HttpResponse{403,
                                          {},
                                          "<Response><Errors><Error><Code>InvalidClientTokenId</"
                                          "Code><Message>bad</Message></Error></Errors></Response>"});
  EXPECT_EQ(reply.code, "InvalidClientTokenId");
}

TEST_F(QueryProtocolTest, KeepsOnlyTheStatusOfAnUnreadableErrorBody) {
  auto reply = protocol->decode_error(HttpResponse{503, {}, "Service Unavailable"});
  EXPECT_EQ(reply.http_status, 503);
  EXPECT_TRUE(reply.code.empty());
}

}  // namespace
}  // namespace sluice::sqs
