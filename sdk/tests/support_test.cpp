// The support layer (sluice/support/*.hpp) on its own: each helper against
// the cases its callers in the plugins and the host depend on.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include <sluice/support/ascii.hpp>
#include <sluice/support/backoff.hpp>
#include <sluice/support/civil_date.hpp>
#include <sluice/support/hex.hpp>
#include <sluice/support/json_text.hpp>
#include <sluice/support/log.hpp>
#include <sluice/support/secret.hpp>
#include <sluice/support/status.hpp>
#include <sluice/support/utf8.hpp>

namespace sluice::support {
namespace {

enum class ParseError { kNone, kEmpty, kTooLong };

Result<int> parse_digit(std::string_view text) {
  if (text.empty()) return config_error("empty").with_detail(ParseError::kEmpty);
  if (text.size() > 1) return config_error("too long").with_detail(ParseError::kTooLong).with_tag("Long");
  return text[0] - '0';
}

Result<int> sum_of_digits(std::string_view a, std::string_view b) {
  SLUICE_ASSIGN_OR_RETURN(const int first, parse_digit(a));
  SLUICE_ASSIGN_OR_RETURN(const int second, parse_digit(b));
  return first + second;
}

Status check_digit(std::string_view text) {
  SLUICE_TRY(parse_digit(text));
  return Status::success();
}

TEST(SupportStatus, AssignOrReturnPassesValuesAndFailures) {
  EXPECT_EQ(sum_of_digits("3", "4").value(), 7);
  const Result<int> failed = sum_of_digits("3", "45");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kConfig);
  EXPECT_EQ(failed.status().message(), "too long");
  EXPECT_EQ(failed.status().detail<ParseError>(), ParseError::kTooLong);
  EXPECT_EQ(failed.status().tag(), "Long");
}

TEST(SupportStatus, TryReturnsTheFirstFailure) {
  EXPECT_TRUE(check_digit("1").ok());
  const Status failed = check_digit("");
  EXPECT_EQ(failed.detail<ParseError>(), ParseError::kEmpty);
  EXPECT_EQ(failed.with_context("field ip").message(), "field ip: empty");
  EXPECT_EQ(Status(StatusCode::kInternal, "x").detail(ParseError::kNone), ParseError::kNone);
}

TEST(SupportUtf8, ValidatesCountsAndRepairs) {
  EXPECT_TRUE(is_valid_utf8("plain ascii, long enough for a word step"));
  EXPECT_EQ(utf8_code_points("h\xC3\xA9llo \xF0\x9F\x98\x80"), 7u);
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("abcdefgh\xE2\x82"));  // truncated after a word step
  EXPECT_EQ(repair_utf8("a\xFF"
                        "b"),
            "a\xEF\xBF\xBD"
            "b");
  std::string encoded;
  append_utf8(encoded, 0x1F600);
  EXPECT_EQ(encoded, "\xF0\x9F\x98\x80");
}

TEST(SupportJsonText, EscapesAndAlwaysWritesValidUtf8) {
  std::string out;
  append_json_string(out, "a\"b\\c\n\x01\xC3\xA9\xFF");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001\xC3\xA9\xEF\xBF\xBD\"");
}

TEST(SupportAsciiAndHex, HelpersIgnoreTheLocale) {
  EXPECT_EQ(ascii_lowercase("X-Amz-Date"), "x-amz-date");
  EXPECT_TRUE(ascii_iequals("Content-Type", "content-type"));
  EXPECT_EQ(trim_ascii_space(" \tkey\r\n"), "key");
  EXPECT_EQ(hex_encode(std::string("\x00\xAB\xFF", 3)), "00abff");
  EXPECT_EQ(hex_decode("00ABff"), std::string("\x00\xAB\xFF", 3));
  EXPECT_FALSE(hex_decode("abc").has_value());
  EXPECT_FALSE(hex_decode("zz").has_value());
}

TEST(SupportBackoff, EqualJitterStaysWithinHalfTheCeilingAndTheCap) {
  EqualJitterBackoff backoff(std::chrono::milliseconds(100), std::chrono::milliseconds(1000), 42);
  for (int retry = 0; retry < 40; ++retry) {
    const auto ceiling = backoff.ceiling_for(retry);
    EXPECT_EQ(ceiling, std::min(std::chrono::milliseconds(100 << std::min(retry, 4)),
                                std::chrono::milliseconds(1000)));
    const auto delay = backoff.delay(retry);
    EXPECT_GE(delay, ceiling / 2);
    EXPECT_LE(delay, ceiling);
  }
  EqualJitterBackoff zero(std::chrono::milliseconds(0), std::chrono::milliseconds(0), 1);
  EXPECT_EQ(zero.delay(3), EqualJitterBackoff::kMinDelay);
}

TEST(SupportCivilDate, RoundTripsAcrossEras) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  for (std::int64_t days : {-1000000000LL, -719468LL, -1LL, 0LL, 11016LL, 2932896LL, 1000000000LL}) {
    const CivilDate date = civil_from_days(days);
    EXPECT_TRUE(is_valid_civil_date(date.year, date.month, date.day));
    EXPECT_EQ(days_from_civil(date.year, date.month, date.day), days);
  }
  EXPECT_FALSE(is_valid_civil_date(1900, 2, 29));
  EXPECT_TRUE(is_valid_civil_date(2000, 2, 29));
  EXPECT_EQ(floor_div(-1, 86400), -1);
}

TEST(SupportSecret, TrimsSurroundingWhitespaceAndNamesTheSourceNotTheValue) {
  ::setenv("SLUICE_SUPPORT_TEST_SECRET", "  k3y \n", 1);
  EXPECT_EQ(read_secret_from_env("SLUICE_SUPPORT_TEST_SECRET").value().view(), "k3y");
  ::setenv("SLUICE_SUPPORT_TEST_SECRET", " \n", 1);
  EXPECT_EQ(read_secret_from_env("SLUICE_SUPPORT_TEST_SECRET").status().message(),
            "environment variable SLUICE_SUPPORT_TEST_SECRET is empty");
  ::unsetenv("SLUICE_SUPPORT_TEST_SECRET");
  EXPECT_FALSE(read_secret_from_env("SLUICE_SUPPORT_TEST_SECRET").ok());

  const std::string path = ::testing::TempDir() + "support_secret.txt";
  std::ofstream(path) << "s3cret \n";
  EXPECT_EQ(read_secret_from_file(path).value().view(), "s3cret");
  const Status missing = read_secret_from_file(path + ".missing").status();
  EXPECT_EQ(missing.code(), StatusCode::kConfig);
  EXPECT_NE(missing.message().find("support_secret.txt.missing"), std::string::npos);
}

TEST(SupportLog, LevelsAreTheAbiNumbersAndParse) {
  EXPECT_EQ(static_cast<int>(LogLevel::kError), 4);
  EXPECT_EQ(parse_log_level("warning"), LogLevel::kWarn);
  EXPECT_EQ(log_level_name(LogLevel::kDebug), "debug");
  EXPECT_FALSE(parse_log_level("loud").has_value());
}

}  // namespace
}  // namespace sluice::support
