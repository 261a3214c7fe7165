#include "postgres_sink_plugin.h"

#include "arrow_input_batch.h"
#include "plugin_options.h"

namespace sluice::postgres {
namespace {

// Passes the sink's row outcomes on to the host.
class HostReporter final : public DeliveryReporter {
 public:
  explicit HostReporter(sluice::Reporter& reporter) : reporter_(reporter) {}
  void reject(RowOrigin origin, const std::string& reason) override {
    reporter_.reject(origin.write_id, origin.row, reason);
  }
  void committed(uint64_t write_id) override { reporter_.committed(write_id); }

 private:
  sluice::Reporter& reporter_;
};

}  // namespace

PostgresSinkPlugin::PostgresSinkPlugin(const sluice::Host& host, const sluice::Config& config) : host_(host) {
  SinkOptions options = read_plugin_options(config, host.pipeline_name());
  sink_ = std::make_unique<PostgresSink>(
      std::move(options),
      [host](support::LogLevel level, const std::string& message) { host.log(level, message); },
      [host](const char* name, double value) { host.count(name, value); });
  sluice::throw_if_error(sink_->start());
}

void PostgresSinkPlugin::write(sluice::OwnedBatch batch, uint64_t write_id, sluice::Reporter& reporter) {
  // The rows are encoded during write(), so the batch can go when it returns.
  const sluice::BatchView view = batch.view();
  ArrowInputBatch input(view);
  HostReporter host_reporter(reporter);
  sluice::throw_if_error(sink_->write(input, write_id, host_reporter));
}

void PostgresSinkPlugin::flush(bool force, sluice::Reporter& reporter) {
  HostReporter host_reporter(reporter);
  sluice::throw_if_error(sink_->flush(force, host_reporter));
}

void PostgresSinkPlugin::interrupt() { sink_->interrupt(); }

}  // namespace sluice::postgres
