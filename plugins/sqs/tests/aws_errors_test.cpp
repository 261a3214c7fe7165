#include "aws_errors.h"

#include <gtest/gtest.h>

namespace sluice::sqs {
namespace {

constexpr char kQueueUrl[] = "http://127.0.0.1:4566/000000000000/missing";

bool mentions(const Status& error, std::string_view text) {
  return error.message().find(text) != std::string::npos;
}

TEST(AwsErrors, AMissingQueueNamesTheQueueUrlInBothProtocols) {
  for (const auto& reply :
       {AwsErrorReply{400, "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "gone"},
        AwsErrorReply{400, "AWS.SimpleQueueService.NonExistentQueue",
                      "AWS.SimpleQueueService.NonExistentQueue", ""}}) {
    auto error = describe_error_reply(reply, SqsAction::kReceiveMessage, kQueueUrl);
    EXPECT_EQ(error_kind(error), ErrorKind::kQueueMissing);
    EXPECT_TRUE(mentions(error, "queue http://127.0.0.1:4566/000000000000/missing does not exist"))
        << error.message();
    EXPECT_FALSE(is_retryable(error));
  }
}

TEST(AwsErrors, BadCredentialsSaySo) {
  for (const char* code :
       {"InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "ExpiredToken",
        "AccessDenied", "AccessDeniedException", "MissingAuthenticationToken"}) {
    auto error =
        describe_error_reply({403, code, "", "The security token included in the request is invalid."},
                             SqsAction::kReceiveMessage, kQueueUrl);
    EXPECT_EQ(error_kind(error), ErrorKind::kAuth) << code;
    EXPECT_TRUE(mentions(error, "refused the credentials")) << error.message();
    EXPECT_TRUE(mentions(error, code)) << error.message();
    EXPECT_TRUE(mentions(error, "The security token included in the request is invalid.")) << error.message();
  }
}

TEST(AwsErrors, ABareForbiddenReplyIsAnAuthenticationProblem) {
  EXPECT_EQ(error_kind(describe_error_reply({403, "", "", ""}, SqsAction::kReceiveMessage, kQueueUrl)),
            ErrorKind::kAuth);
}

TEST(AwsErrors, ThrottlingAndServerErrorsAreRetryable) {
  for (const auto& reply :
       {AwsErrorReply{400, "ThrottlingException", "", ""}, AwsErrorReply{400, "RequestThrottled", "", ""},
        AwsErrorReply{429, "", "", ""}, AwsErrorReply{403, "OverLimit", "", ""}}) {
    auto error = describe_error_reply(reply, SqsAction::kDeleteMessageBatch, kQueueUrl);
    EXPECT_EQ(error_kind(error), ErrorKind::kThrottled) << reply.code;
    EXPECT_TRUE(is_retryable(error));
  }
  for (const auto& reply : {AwsErrorReply{500, "InternalError", "", ""}, AwsErrorReply{503, "", "", ""},
                            AwsErrorReply{400, "ServiceUnavailable", "", ""}}) {
    auto error = describe_error_reply(reply, SqsAction::kDeleteMessageBatch, kQueueUrl);
    EXPECT_EQ(error_kind(error), ErrorKind::kServer) << reply.code;
    EXPECT_TRUE(is_retryable(error));
    EXPECT_TRUE(mentions(error, "DeleteMessageBatch")) << error.message();
  }
}

TEST(AwsErrors, OtherRefusalsAreNotRetriedAndQuoteAws) {
  auto error =
      describe_error_reply({400, "InvalidParameterValue", "", "Value 99 for parameter MaxNumberOfMessages"},
                           SqsAction::kReceiveMessage, kQueueUrl);
  EXPECT_EQ(error_kind(error), ErrorKind::kRejected);
  EXPECT_FALSE(is_retryable(error));
  EXPECT_EQ(error.tag(), "InvalidParameterValue");
  EXPECT_TRUE(mentions(error, "(InvalidParameterValue: Value 99 for parameter MaxNumberOfMessages)"))
      << error.message();
}

TEST(AwsErrors, TransportFailuresNameTheEndpointAndAreRetryable) {
  auto error = describe_transport_failure("Couldn't connect to server", SqsAction::kGetQueueAttributes,
                                          "http://127.0.0.1:9");
  EXPECT_EQ(error_kind(error), ErrorKind::kNetwork);
  EXPECT_TRUE(is_retryable(error));
  EXPECT_TRUE(mentions(error, "cannot reach the SQS endpoint http://127.0.0.1:9")) << error.message();
}

}  // namespace
}  // namespace sluice::sqs
