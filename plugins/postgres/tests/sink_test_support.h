// Building sinks for the integration tests: short retries, collected logs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "plugin_options.h"
#include "postgres_sink.h"
#include "postgres_sink_plugin.h"

namespace sluice::postgres::testing {

// The options a pipeline step naming only `table` gets (the schema's
// defaults), with the test server's dsn and retries short enough for tests.
inline SinkOptions sink_options(const std::string& dsn, const std::string& table) {
  SinkOptions options = read_plugin_options(
      sluice::host_config<PostgresSinkPlugin>(R"({"table": "placeholder"})"), "test_pipeline");
  options.dsn = dsn;
  options.table = TableName::parse(table);
  options.retry = {std::chrono::milliseconds(10), std::chrono::milliseconds(200),
                   std::chrono::milliseconds(20'000)};
  return options;
}

struct CollectedLog {
  std::vector<std::string> lines;
  support::Logger function() {
    return [this](support::LogLevel, const std::string& line) { lines.push_back(line); };
  }
  bool contains(const std::string& text) const {
    for (const auto& line : lines) {
      if (line.find(text) != std::string::npos) return true;
    }
    return false;
  }
};

// The SPEC's target table.
inline std::string user_logins_ddl(const std::string& table) {
  return "CREATE TABLE " + table +
         "(user_id varchar(128), device_type varchar(32), masked_ip varchar(256),"
         " masked_device_id varchar(256), locale varchar(32), app_version integer,"
         " create_date date)";
}

}  // namespace sluice::postgres::testing
