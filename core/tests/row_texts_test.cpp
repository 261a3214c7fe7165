#include "row_texts.h"

#include <gtest/gtest.h>

#include <sluice/plugin.hpp>

namespace sluice::core {
namespace {

ArrowBatch batch_of_texts_and_ids() {
  Utf8Builder texts;
  texts.append(std::string_view("first"));
  texts.append_null();
  texts.append(std::string_view(""));
  texts.append(std::string_view("caf\xC3\xA9 {\"a\":1}"));
  Int64Builder big;
  Int32Builder small;
  Float64Builder other;
  for (int64_t i = 0; i < 4; ++i) {
    big.append(-9'000'000'000 + i);
    small.append(static_cast<int32_t>(i));
    other.append(0.5);
  }
  ArrowBatch batch;
  BatchBuilder(4)
      .add("text", texts)
      .add("big", big)
      .add("small", small)
      .add("other", other)
      .finish()
      .release_into(batch.schema(), batch.array());
  return batch;
}

TEST(RowTexts, KeepsEachRowsTextAndItsNulls) {
  const RowTexts texts = RowTexts::copy(batch_of_texts_and_ids(), "text");
  ASSERT_EQ(texts.size(), 4);
  EXPECT_EQ(texts.at(0), std::optional<std::string_view>("first"));
  EXPECT_EQ(texts.at(1), std::nullopt);
  EXPECT_EQ(texts.at(2), std::optional<std::string_view>(""));
  EXPECT_EQ(texts.at(3), std::optional<std::string_view>("caf\xC3\xA9 {\"a\":1}"));
}

TEST(RowTexts, RendersIntegerIdsAsText) {
  const ArrowBatch batch = batch_of_texts_and_ids();
  EXPECT_EQ(RowTexts::copy(batch, "big").at(3), std::optional<std::string_view>("-8999999997"));
  EXPECT_EQ(RowTexts::copy(batch, "small").at(2), std::optional<std::string_view>("2"));
}

TEST(RowTexts, OtherTypesAreNullAndAMissingColumnHasNoRows) {
  const ArrowBatch batch = batch_of_texts_and_ids();
  const RowTexts other = RowTexts::copy(batch, "other");
  EXPECT_EQ(other.size(), 4);
  EXPECT_EQ(other.at(0), std::nullopt);
  const RowTexts missing = RowTexts::copy(batch, "message_id");
  EXPECT_EQ(missing.size(), 0);
  EXPECT_EQ(missing.at(0), std::nullopt);
}

TEST(RowTexts, RowsOutsideTheColumnAreNull) {
  const RowTexts texts = RowTexts::copy(batch_of_texts_and_ids(), "text");
  EXPECT_EQ(texts.at(-1), std::nullopt);
  EXPECT_EQ(texts.at(4), std::nullopt);
  EXPECT_EQ(RowTexts().at(0), std::nullopt);
}

}  // namespace
}  // namespace sluice::core
