// SQS bodies become Arrow utf8 values through support::is_valid_utf8; these
// are the edge cases sdk/tests/support_test.cpp does not pin.
#include <gtest/gtest.h>

#include <string>

#include <sluice/support/utf8.hpp>

namespace sluice::sqs {
namespace {

using support::is_valid_utf8;

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8(R"({"user_id":"u-1","ip":"10.0.0.1"})"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));  // é € 😀
  EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF\xEE\x80\x80\xF4\x8F\xBF\xBF"));   // U+D7FF U+E000 U+10FFFF
  EXPECT_TRUE(is_valid_utf8(std::string(1000, 'a') + "\xC3\xA9" + std::string(1000, 'b')));
}

TEST(Utf8, RefusesMalformedText) {
  EXPECT_FALSE(is_valid_utf8("\x80"));                  // a lone continuation byte
  EXPECT_FALSE(is_valid_utf8("\xC3"));                  // cut short
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));              // cut short
  EXPECT_FALSE(is_valid_utf8("\xC3(\xA9"));             // not a continuation
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));              // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));      // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));          // a surrogate, U+D800
  EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));          // a surrogate, U+DFFF
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));      // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));  // a five-byte form
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8(std::string(1000, 'a') + "\xED\xA0\x80" + std::string(1000, 'b')));
  EXPECT_FALSE(is_valid_utf8(std::string(1001, 'a') + "\xC3"));
}

}  // namespace
}  // namespace sluice::sqs
