#include "sqs_source.h"

#include <charconv>

namespace sluice::sqs {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// With --drain an empty queue should be noticed quickly, not after a 20 s
// long poll.
constexpr int kDrainWaitSeconds = 1;
// Start-up gives up sooner than steady state: a wrong endpoint is far more
// likely then than a passing outage.
constexpr int kProbeRetries = 2;
// Used when neither the option nor the queue gives a visibility timeout.
constexpr int kFallbackVisibilitySeconds = 30;
// Draining, next() waits past the host's timeout for a verdict on whether
// the queue is empty; this bounds that wait.
constexpr seconds kDrainVerdictLimit{70};
// How often the backlog figure of the progress line is asked for: often
// enough to follow a drain, rare enough to cost nothing next to receives.
constexpr seconds kBacklogPeriod{3};
// Connections kept beyond two per receive slot (see make_client).
constexpr long kSpareConnections = 8;

// Library logs go to the host's log under this step's name.
support::Logger host_logger(const sluice::Host& host) {
  return [host](support::LogLevel level, const std::string& message) { host.log(level, message); };
}

// Library counters become the host's metrics for this step.
support::Counter host_counter(const sluice::Host& host) {
  return [host](const char* name, double amount) { host.count(name, amount); };
}

// A reply of the other protocol is unreadable or refused without a code.
Status with_protocol_hint(const Status& error, ProtocolKind protocol) {
  const ErrorKind kind = error_kind(error);
  if (kind != ErrorKind::kMalformed && (kind != ErrorKind::kRejected || !error.tag().empty())) return error;
  return make_error(kind,
                    error.message() + "; is protocol: " +
                        (protocol == ProtocolKind::kQuery ? "query" : "json") + " right for this endpoint?",
                    error.tag());
}

std::optional<int> seconds_attribute(const QueueAttributes& attributes, std::string_view name) {
  auto it = attributes.find(name);
  if (it == attributes.end()) return std::nullopt;
  int value = 0;
  auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
  if (ec != std::errc() || end != it->second.data() + it->second.size()) return std::nullopt;
  return value;
}

}  // namespace

SqsSource::SqsSource(const sluice::Host& host, const sluice::Config& config)
    : host_(host),
      options_(parse_source_options(config)),
      endpoint_(sluice::value_or_throw(resolve_endpoint(options_.endpoint, process_environment()))),
      backlog_([this] { return ask_backlog(); }, kBacklogPeriod) {
  auto resolved = sluice::value_or_throw(
      resolve_credentials(options_.credentials, process_credential_system(endpoint_.region)));
  credential_source_ = resolved.source;
  host_.info("AWS credentials from " + credential_source_);
  credentials_ = std::make_shared<RefreshingCredentials>(
      std::move(resolved.provider), std::move(resolved.issued), host_logger(host_), host_counter(host_));
  settings_ = consumer_settings(probe_queue());
  host_.info("queue " + endpoint_.queue_url.to_string() + " via " + endpoint_.endpoint.to_string() +
             " (region " + endpoint_.region + ", " + std::string(make_protocol(options_.protocol)->name()) +
             " protocol, credentials from " + credential_source_ + ", visibility timeout " +
             std::to_string(settings_.visibility_timeout.count()) + " s)");
}

SqsSource::~SqsSource() {
  consumer_.reset();
  credentials_.reset();
}

sluice::Next SqsSource::next(milliseconds timeout) {
  if (!consumer_) start_consumer();
  // Draining, SLUICE_EMPTY ends the run: say it only once SQS came back
  // empty, however long past the host's timeout that takes.
  auto wait = host_.draining() ? std::max<milliseconds>(timeout, kDrainVerdictLimit) : timeout;
  return to_next(consumer_->take(settings_.max_prefetched, wait));
}

void SqsSource::ack(std::uint64_t batch_id, std::span<const std::int8_t> outcomes) {
  auto settlements = batches_.settle(batch_id, outcomes);
  if (consumer_) consumer_->settle(std::move(settlements));
}

std::optional<std::int64_t> SqsSource::backlog() { return backlog_.latest(); }

std::optional<std::int64_t> SqsSource::ask_backlog() const {
  try {
    auto client = make_client(0);
    auto attributes = fetch_queue_attributes(*client, {"ApproximateNumberOfMessages"});
    if (!attributes.ok()) return std::nullopt;
    auto it = attributes->find("ApproximateNumberOfMessages");
    if (it == attributes->end()) return std::nullopt;
    std::int64_t count = 0;
    auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), count);
    if (ec != std::errc() || end != it->second.data() + it->second.size()) return std::nullopt;
    return count;
  } catch (const std::exception&) {
    return std::nullopt;  // a figure for a display: the pipeline itself reports real failures
  }
}

void SqsSource::check() const {
  probe_queue();
  host_.info("queue " + endpoint_.queue_url.to_string() + " answered; AWS credentials from " +
             credential_source_);
}

std::unique_ptr<SqsClient> SqsSource::make_client(int max_retries) const {
  CurlTransportOptions transport_options;
  // Room for every connection the consumer can have busy at once (the
  // receives, as many settlement calls, visibility extensions): a smaller
  // cache closes connections as transfers finish and opens new ones for the
  // next, which cost 0.46 of the reference drain client's rate at
  // concurrency 64 (bench/RESULTS.md).
  transport_options.max_idle_connections = 2L * options_.concurrency + kSpareConnections;
  auto transport = sluice::value_or_throw(make_curl_transport(transport_options));
  SqsClientSettings settings{endpoint_, RefreshingCredentials::supplier(credentials_),
                             CountedRetries{max_retries, milliseconds(100), milliseconds(20000)}};
  return std::make_unique<SqsClient>(std::move(settings), make_protocol(options_.protocol),
                                     std::move(transport), host_logger(host_), host_counter(host_));
}

QueueAttributes SqsSource::probe_queue() const {
  auto client = make_client(std::min(options_.max_retries, kProbeRetries));
  auto attributes = fetch_queue_attributes(*client, {"VisibilityTimeout"});
  if (!attributes.ok()) sluice::throw_status(with_protocol_hint(attributes.status(), options_.protocol));
  return std::move(attributes).value();
}

ConsumerSettings SqsSource::consumer_settings(const QueueAttributes& attributes) const {
  ConsumerSettings settings;
  settings.receive.max_messages = options_.max_messages;
  settings.receive.wait_time_seconds =
      host_.draining() ? std::min(options_.wait_time_seconds, kDrainWaitSeconds) : options_.wait_time_seconds;
  settings.receive.visibility_timeout = options_.visibility_timeout;
  auto queue_timeout = seconds_attribute(attributes, "VisibilityTimeout");
  if (!settings.receive.visibility_timeout && (!queue_timeout || *queue_timeout < 1)) {
    // A queue without a usable timeout would hand each message out again at once.
    settings.receive.visibility_timeout = kFallbackVisibilitySeconds;
  }
  settings.visibility_timeout =
      seconds(settings.receive.visibility_timeout.value_or(queue_timeout.value_or(0)));
  settings.concurrency = options_.concurrency;
  settings.drain = host_.draining();
  settings.max_prefetched = 2 * static_cast<std::size_t>(options_.concurrency * options_.max_messages);
  return settings;
}

void SqsSource::start_consumer() {
  consumer_ = std::make_unique<Consumer>(make_client(options_.max_retries), settings_, host_logger(host_),
                                         host_counter(host_));
}

sluice::Next SqsSource::to_next(TakeResult taken) {
  switch (taken.kind) {
    case TakeResult::Kind::kMessages: {
      auto batch = to_batch(taken.messages);
      std::vector<std::string> handles;
      handles.reserve(taken.messages.size());
      for (auto& message : taken.messages) handles.push_back(std::move(message.receipt_handle));
      return sluice::Next::ready(std::move(batch), batches_.register_batch(std::move(handles)));
    }
    case TakeResult::Kind::kFailed: sluice::throw_status(taken.error);
    case TakeResult::Kind::kClosed: return sluice::Next::end();
    case TakeResult::Kind::kTimedOut:
    case TakeResult::Kind::kQueueEmpty: break;
  }
  return sluice::Next::empty();
}

}  // namespace sluice::sqs
