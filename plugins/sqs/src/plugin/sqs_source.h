// The `sqs` source plugin: SDK glue around the Consumer. create() checks
// the options, resolves endpoint, region and credentials, and asks SQS for
// the queue's attributes (so a wrong URL or bad credentials fail at once,
// as configuration errors); the first next() starts receiving.
#pragma once

#include <chrono>
#include <memory>
#include <span>

#include <sluice/plugin.hpp>

#include "backlog_monitor.h"
#include "batch_registry.h"
#include "consumer.h"
#include "message_batch.h"
#include "refreshing_credentials.h"
#include "source_options.h"
#include "sqs_client.h"

namespace sluice::sqs {

class SqsSource final : public sluice::Source {
 public:
  static constexpr sluice::PluginInfo info{
      .name = "sqs",
      .version = "0.1.0",
      .description = "Amazon SQS queue: long polling, deletes only what the pipeline settled",
      .config_schema = kSourceOptionsSchema,
  };

  SqsSource(const sluice::Host& host, const sluice::Config& config);
  // Finishes deleting and releasing what was acknowledged (bounded).
  ~SqsSource() override;

  sluice::Next next(std::chrono::milliseconds timeout) override;
  void ack(std::uint64_t batch_id, std::span<const std::int8_t> outcomes) override;
  // ApproximateNumberOfMessages, asked every few seconds once the host wants it.
  std::optional<std::int64_t> backlog() override;
  // `sluice validate --connect`: the queue exists and the credentials work.
  void check() const;

 private:
  std::unique_ptr<SqsClient> make_client(int max_retries) const;
  QueueAttributes probe_queue() const;
  ConsumerSettings consumer_settings(const QueueAttributes& attributes) const;
  void start_consumer();
  std::optional<std::int64_t> ask_backlog() const;
  sluice::Next to_next(TakeResult taken);

  sluice::Host host_;
  SourceOptions options_;
  ResolvedEndpoint endpoint_;
  // Where the credentials come from, for logs ("the environment", ...).
  std::string credential_source_;
  std::shared_ptr<RefreshingCredentials> credentials_;
  ConsumerSettings settings_;
  std::unique_ptr<Consumer> consumer_;
  BatchRegistry batches_;
  // Last: its thread calls ask_backlog(), so it stops before the rest goes.
  BacklogMonitor backlog_;
};

}  // namespace sluice::sqs
