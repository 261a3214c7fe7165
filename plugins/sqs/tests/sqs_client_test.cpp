// SqsClient over a scripted transport: what it sends, how it retries, and
// how replies and failures come back.
#include "sqs_client.h"

#include <gtest/gtest.h>

#include <deque>
#include <thread>

namespace sluice::sqs {
namespace {

using namespace std::chrono_literals;

// Answers each request with the next scripted outcome.
class ScriptedTransport final : public HttpTransport {
 public:
  std::deque<Result<HttpResponse>> script;
  std::vector<HttpRequest> sent;
  std::vector<TransferId> cancelled;

  TransferId start(HttpRequest request, Completion done) override {
    sent.push_back(std::move(request));
    pending_.push_back({next_id_, std::move(done)});
    return next_id_++;
  }
  void cancel(TransferId id) override {
    cancelled.push_back(id);
    for (auto& pending : pending_) {
      if (pending.id == id) pending.cancelled = true;
    }
  }
  void poll(std::chrono::milliseconds max_wait) override {
    // Like a real transport, wait when there is nothing to answer.
    if (pending_.empty() || script.empty()) std::this_thread::sleep_for(std::min(max_wait, 1ms));
    auto due = std::exchange(pending_, {});
    for (auto& pending : due) {
      if (pending.cancelled) {
        pending.done(make_error(ErrorKind::kCancelled, "cancelled"));
      } else if (!script.empty()) {
        auto outcome = std::move(script.front());
        script.pop_front();
        pending.done(std::move(outcome));
      } else {
        pending_.push_back(std::move(pending));  // no answer yet
      }
    }
  }
  void wake() override {}
  std::size_t active_transfers() const override { return pending_.size(); }

 private:
  struct Pending {
    TransferId id;
    Completion done;
    bool cancelled = false;
  };
  std::vector<Pending> pending_;
  TransferId next_id_ = 1;
};

HttpResponse reply(long status, std::string body, HttpHeaders headers = {}) {
  return HttpResponse{status, std::move(headers), std::move(body)};
}

class SqsClientTest : public testing::Test {
 protected:
  std::unique_ptr<SqsClient> make_client(std::unique_ptr<SqsProtocol> protocol, int max_retries = 2) {
    SqsClientSettings settings;
    settings.endpoint.queue_url = *parse_url("http://127.0.0.1:4566/000000000000/logins");
    settings.endpoint.endpoint = *parse_url("http://127.0.0.1:4566/");
    settings.endpoint.region = "eu-west-1";
    settings.credentials = fixed_credentials(AwsCredentials{"AKIDTEST", "secret", "session"});
    settings.retry = CountedRetries{max_retries, 1ms, 2ms};
    auto scripted = std::make_unique<ScriptedTransport>();
    transport = scripted.get();
    return std::make_unique<SqsClient>(
        settings, std::move(protocol), std::move(scripted),
        [this](support::LogLevel, const std::string& message) { logs.push_back(message); });
  }

  template <typename T>
  Result<T> run(SqsClient& client, const std::function<void(Completion<T>)>& call) {
    std::optional<Result<T>> outcome;
    call([&](Result<T> result) { outcome = std::move(result); });
    auto give_up_at = std::chrono::steady_clock::now() + 10s;
    while (!outcome && std::chrono::steady_clock::now() < give_up_at) client.poll(1ms);
    return outcome ? std::move(*outcome) : Result<T>(make_error(ErrorKind::kInternal, "never completed"));
  }

  Result<std::vector<Message>> receive(SqsClient& client) {
    return run<std::vector<Message>>(client, [&](auto done) {
      client.receive(ReceiveRequest{10, 20, 30}, done);
    });
  }

  ScriptedTransport* transport = nullptr;
  std::vector<std::string> logs;
};

TEST_F(SqsClientTest, SignsAndPostsJsonCallsToTheEndpoint) {
  auto client = make_client(make_json_protocol());
  transport->script.push_back(
      reply(200, R"({"Messages":[{"MessageId":"m","ReceiptHandle":"r","Body":"b"}]})"));
  auto messages = receive(*client);
  ASSERT_TRUE(messages.ok()) << messages.status().message();
  EXPECT_EQ(messages->size(), 1u);
  ASSERT_EQ(transport->sent.size(), 1u);
  const auto& request = transport->sent[0];
  EXPECT_EQ(request.url.to_string(), "http://127.0.0.1:4566/");
  EXPECT_EQ(*find_header(request.headers, "x-amz-target"), "AmazonSQS.ReceiveMessage");
  EXPECT_EQ(*find_header(request.headers, "x-amz-security-token"), "session");
  const auto& authorization = *find_header(request.headers, "authorization");
  EXPECT_TRUE(authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDTEST/")) << authorization;
  EXPECT_NE(authorization.find("/eu-west-1/sqs/aws4_request"), std::string::npos) << authorization;
  // A long poll gets its wait on top of the request allowance.
  EXPECT_EQ(request.timeout, 30s + 20s);
}

TEST_F(SqsClientTest, RetriesThrottlingAndServerErrorsThenSucceeds) {
  auto client = make_client(make_query_protocol());
  transport->script.push_back(
      reply(400, "<ErrorResponse><Error><Code>RequestThrottled</Code></Error></ErrorResponse>"));
  transport->script.push_back(reply(503, ""));
  transport->script.push_back(
      reply(200, "<ReceiveMessageResponse><ReceiveMessageResult/></ReceiveMessageResponse>"));
  auto messages = receive(*client);
  ASSERT_TRUE(messages.ok()) << messages.status().message();
  EXPECT_EQ(transport->sent.size(), 3u);
  ASSERT_EQ(logs.size(), 2u);
  EXPECT_NE(logs[0].find("retry 1 of 2"), std::string::npos) << logs[0];
}

TEST_F(SqsClientTest, RetriesNetworkFailuresAndGivesUpWithTheEndpointNamed) {
  auto client = make_client(make_json_protocol(), 1);
  transport->script.push_back(make_error(ErrorKind::kNetwork, "Couldn't connect to server (curl error 7)"));
  transport->script.push_back(make_error(ErrorKind::kNetwork, "Couldn't connect to server (curl error 7)"));
  auto messages = receive(*client);
  ASSERT_FALSE(messages.ok());
  EXPECT_EQ(error_kind(messages.status()), ErrorKind::kNetwork);
  EXPECT_EQ(
      messages.status().message(),
      "cannot reach the SQS endpoint http://127.0.0.1:4566/ for ReceiveMessage: Couldn't connect to server "
      "(curl error 7)");
  EXPECT_EQ(transport->sent.size(), 2u);
}

TEST_F(SqsClientTest, DoesNotRetryAMissingQueue) {
  auto client = make_client(make_json_protocol());
  transport->script.push_back(
      reply(400, R"({"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"nope"})",
            {{"x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender"}}));
  auto messages = receive(*client);
  ASSERT_FALSE(messages.ok());
  EXPECT_EQ(error_kind(messages.status()), ErrorKind::kQueueMissing);
  EXPECT_NE(
      messages.status().message().find("queue http://127.0.0.1:4566/000000000000/logins does not exist"),
      std::string::npos);
  EXPECT_EQ(transport->sent.size(), 1u);
}

TEST_F(SqsClientTest, ReportsAnUnreadableSuccessAsMalformed) {
  auto client = make_client(make_json_protocol());
  transport->script.push_back(reply(200, "<html>captive portal</html>"));
  auto messages = receive(*client);
  ASSERT_FALSE(messages.ok());
  EXPECT_EQ(error_kind(messages.status()), ErrorKind::kMalformed);
  EXPECT_NE(messages.status().message().find("unreadable ReceiveMessage reply from http://127.0.0.1:4566/"),
            std::string::npos);
}

TEST_F(SqsClientTest, CancelledReceivesCompleteAsCancelledWithoutRetry) {
  auto client = make_client(make_json_protocol());
  std::optional<Result<std::vector<Message>>> outcome;
  client->receive(ReceiveRequest{}, [&](auto result) { outcome = std::move(result); });
  EXPECT_FALSE(client->idle());
  client->cancel_receives();
  client->poll(1ms);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(error_kind(outcome->status()), ErrorKind::kCancelled);
  EXPECT_TRUE(client->idle());
}

TEST_F(SqsClientTest, DecodesBatchResultsAndQueueAttributes) {
  auto client = make_client(make_json_protocol());
  transport->script.push_back(reply(200, R"({"Successful":[{"Id":"0"}],"Failed":[]})"));
  auto deleted = run<BatchResult>(*client, [&](auto done) { client->delete_batch({{"0", "r"}}, done); });
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(deleted->succeeded_ids, std::vector<std::string>{"0"});
  EXPECT_EQ(*find_header(transport->sent.back().headers, "x-amz-target"), "AmazonSQS.DeleteMessageBatch");

  transport->script.push_back(reply(200, R"({"Attributes":{"VisibilityTimeout":"45"}})"));
  auto attributes = fetch_queue_attributes(*client, {"VisibilityTimeout"});
  ASSERT_TRUE(attributes.ok());
  EXPECT_EQ(attributes->at("VisibilityTimeout"), "45");
}

TEST(CurlTransport, ReportsAConnectionRefusedAsANetworkError) {
  auto transport = make_curl_transport({});
  ASSERT_TRUE(transport.ok());
  HttpRequest request;
  request.url = *parse_url("http://127.0.0.1:1/");
  request.timeout = 5s;
  std::optional<Result<HttpResponse>> outcome;
  (*transport)->start(request, [&](Result<HttpResponse> result) { outcome = std::move(result); });
  for (int i = 0; i < 100 && !outcome; ++i) (*transport)->poll(100ms);
  ASSERT_TRUE(outcome.has_value());
  ASSERT_FALSE(outcome->ok());
  EXPECT_EQ(error_kind(outcome->status()), ErrorKind::kNetwork);
  EXPECT_NE(outcome->status().message().find("curl error 7"), std::string::npos)
      << outcome->status().message();
  EXPECT_EQ((*transport)->active_transfers(), 0u);
}

}  // namespace
}  // namespace sluice::sqs
