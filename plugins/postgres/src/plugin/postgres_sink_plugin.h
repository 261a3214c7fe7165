// The `postgres` sink plugin: the SDK's Sink over PostgresSink.
#pragma once

#include <memory>

#include <sluice/plugin.hpp>

#include "plugin_config_schema.h"
#include "postgres_sink.h"

namespace sluice::postgres {

class PostgresSinkPlugin final : public sluice::Sink {
 public:
  static constexpr sluice::PluginInfo info{
      .name = "postgres",
      .version = "0.1.0",
      .description = "Writes rows into a PostgreSQL table with COPY, optionally exactly once",
      .config_schema = kPluginConfigSchema};

  // Connects and checks the table; throws ConfigError / UnavailableError.
  PostgresSinkPlugin(const sluice::Host& host, const sluice::Config& config);

  void write(sluice::OwnedBatch batch, uint64_t write_id, sluice::Reporter& reporter) override;
  void flush(bool force, sluice::Reporter& reporter) override;
  void interrupt() override;

 private:
  sluice::Host host_;
  std::unique_ptr<PostgresSink> sink_;
};

}  // namespace sluice::postgres
