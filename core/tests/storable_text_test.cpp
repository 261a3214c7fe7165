#include "storable_text.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice::core {
namespace {

using namespace std::string_literals;

TEST(StorableText, KeepsValidUtf8AsItIs) {
  EXPECT_TRUE(IsStorableText("{\"ip\": \"1.2.3.4\", \"x\": \"é😀\\\\\"}"));
  EXPECT_TRUE(IsStorableText(""));
}

TEST(StorableText, RefusesNulBytesAndInvalidUtf8) {
  EXPECT_FALSE(IsStorableText("a\0b"s));
  EXPECT_FALSE(IsStorableText("\xC3"));          // truncated sequence
  EXPECT_FALSE(IsStorableText("\xC0\xAF"));      // overlong
  EXPECT_FALSE(IsStorableText("\xED\xA0\x80"));  // a surrogate
  EXPECT_FALSE(IsStorableText("\xFF"));
  EXPECT_FALSE(IsStorableText("\x80"));              // a continuation byte alone
  EXPECT_FALSE(IsStorableText("\xE0\x80\xAF"));      // overlong '/'
  EXPECT_FALSE(IsStorableText("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_TRUE(IsStorableText("\xF4\x8F\xBF\xBF"));   // U+10FFFF
}

TEST(StorableText, EscapesOnlyTheBadBytesAndDoublesBackslashes) {
  EXPECT_EQ(EscapeUnstorableBytes("a\0b"s), "a\\x00b");
  EXPECT_EQ(EscapeUnstorableBytes("é\xFFz"), "é\\xFFz");
  EXPECT_EQ(EscapeUnstorableBytes("\xE2\x82"), "\\xE2\\x82");  // a sequence cut short
  EXPECT_EQ(EscapeUnstorableBytes("c:\\x00\0"s), "c:\\\\x00\\x00");
  EXPECT_TRUE(IsStorableText(EscapeUnstorableBytes("\xF5\x80\0\xC3(\xED\xA0\x80"s)));
}

}  // namespace
}  // namespace sluice::core
