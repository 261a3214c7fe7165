#include "storable_text.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice::core {
namespace {

using namespace std::string_literals;

TEST(StorableText, KeepsValidUtf8AsItIs) {
  EXPECT_TRUE(is_storable_text("{\"ip\": \"1.2.3.4\", \"x\": \"é😀\\\\\"}"));
  EXPECT_TRUE(is_storable_text(""));
}

TEST(StorableText, RefusesNulBytesAndInvalidUtf8) {
  EXPECT_FALSE(is_storable_text("a\0b"s));
  EXPECT_FALSE(is_storable_text("\xC3"));          // truncated sequence
  EXPECT_FALSE(is_storable_text("\xC0\xAF"));      // overlong
  EXPECT_FALSE(is_storable_text("\xED\xA0\x80"));  // a surrogate
  EXPECT_FALSE(is_storable_text("\xFF"));
  EXPECT_FALSE(is_storable_text("\x80"));              // a continuation byte alone
  EXPECT_FALSE(is_storable_text("\xE0\x80\xAF"));      // overlong '/'
  EXPECT_FALSE(is_storable_text("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_TRUE(is_storable_text("\xF4\x8F\xBF\xBF"));   // U+10FFFF
}

TEST(StorableText, EscapesOnlyTheBadBytesAndDoublesBackslashes) {
  EXPECT_EQ(escape_unstorable_bytes("a\0b"s), "a\\x00b");
  EXPECT_EQ(escape_unstorable_bytes("é\xFFz"), "é\\xFFz");
  EXPECT_EQ(escape_unstorable_bytes("\xE2\x82"), "\\xE2\\x82");  // a sequence cut short
  EXPECT_EQ(escape_unstorable_bytes("c:\\x00\0"s), "c:\\\\x00\\x00");
  EXPECT_TRUE(is_storable_text(escape_unstorable_bytes("\xF5\x80\0\xC3(\xED\xA0\x80"s)));
}

}  // namespace
}  // namespace sluice::core
