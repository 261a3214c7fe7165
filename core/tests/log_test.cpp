#include "log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sluice::core {
namespace {

TEST(FormatLogLine, JsonLineIsValidJsonWhateverThePluginLogged) {
  const std::string hostile = "bad \x80 \xC0\xAF \xED\xA0\x80 \x01\x1b[31m \"q\" b\\s\nn\tt \xE2\x82";
  const std::string line =
      format_log_line(LogFormat::kJson, "2026-01-01T00:00:00.000Z", LogLevel::kWarn, "step\xFF", hostile);
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);  // one line: the newline in the message is escaped
  const nlohmann::json parsed = nlohmann::json::parse(line);  // throws on invalid UTF-8
  EXPECT_EQ(parsed["level"], "warn");
  EXPECT_EQ(parsed["ts"], "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(parsed["component"], "step\xEF\xBF\xBD");
  EXPECT_EQ(
      parsed["msg"],
      "bad \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD \x01\x1b[31m \"q\" "
      "b\\s\nn\tt \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(FormatLogLine, TextLineKeepsTheMessageAsItIs) {
  EXPECT_EQ(format_log_line(LogFormat::kText, "T", LogLevel::kInfo, "host", "started"),
            "T info [host] started\n");
}

TEST(ParseLogThreshold, ReadsEveryLevelAndOff) {
  LogThreshold threshold;
  ASSERT_TRUE(parse_log_threshold("trace", &threshold));
  EXPECT_EQ(threshold, LogLevel::kTrace);
  ASSERT_TRUE(parse_log_threshold("warning", &threshold));
  EXPECT_EQ(threshold, LogLevel::kWarn);
  ASSERT_TRUE(parse_log_threshold("error", &threshold));
  EXPECT_EQ(threshold, LogLevel::kError);
  ASSERT_TRUE(parse_log_threshold("off", &threshold));
  EXPECT_FALSE(threshold.has_value());
  EXPECT_FALSE(parse_log_threshold("loud", &threshold));
  EXPECT_FALSE(parse_log_threshold("", &threshold));
}

}  // namespace
}  // namespace sluice::core
