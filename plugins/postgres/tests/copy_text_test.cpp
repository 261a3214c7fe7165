#include "copy_text.h"

#include <gtest/gtest.h>

namespace sluice::postgres {
namespace {

std::string escaped(std::string_view value) {
  std::string out;
  append_copy_escaped(out, value);
  return out;
}

TEST(CopyText, LeavesOrdinaryTextAlone) {
  EXPECT_EQ(escaped("plain text, 'quotes'; DROP TABLE x; --"), "plain text, 'quotes'; DROP TABLE x; --");
}

TEST(CopyText, EscapesTheBytesCopyGivesMeaningTo) {
  EXPECT_EQ(escaped("a\\b"), "a\\\\b");
  EXPECT_EQ(escaped("tab\there"), "tab\\there");
  EXPECT_EQ(escaped("line\nbreak\rreturn"), "line\\nbreak\\rreturn");
  EXPECT_EQ(escaped("\b\f\v"), "\\b\\f\\v");
}

TEST(CopyText, TheEndOfDataMarkerCannotAppearInAValue) { EXPECT_EQ(escaped("\\."), "\\\\."); }

TEST(CopyText, TheNullMarkerAsTextStaysText) {
  EXPECT_EQ(escaped("\\N"), "\\\\N");
  EXPECT_NE(escaped("\\N"), kCopyNull);
}

TEST(CopyText, PassesUnicodeThroughByteForByte) { EXPECT_EQ(escaped("Zoë 日本 🚀"), "Zoë 日本 🚀"); }

TEST(CopyText, FindsAnEscapableByteAtAnyPosition) {
  for (char special : {'\\', '\t', '\n', '\r', '\b'}) {
    for (size_t position = 0; position < 17; ++position) {
      std::string value(17, 'x');
      value[position] = special;
      std::string expected = value.substr(0, position) + "\\" + escaped(std::string(1, special)).substr(1) +
                             value.substr(position + 1);
      EXPECT_EQ(escaped(value), expected) << int(special) << " at " << position;
    }
  }
}

TEST(CopyText, HighBytesNextToEscapesAreKept) {
  EXPECT_EQ(escaped("\xC3\xA9\t\xC3\xA9\\\xF0\x9F\x9A\x80"), "\xC3\xA9\\t\xC3\xA9\\\\\xF0\x9F\x9A\x80");
}

TEST(CopyText, AppendsToWhatIsThere) {
  std::string out = "x\t";
  append_copy_escaped(out, "y\tz");
  EXPECT_EQ(out, "x\ty\\tz");
}

}  // namespace
}  // namespace sluice::postgres
