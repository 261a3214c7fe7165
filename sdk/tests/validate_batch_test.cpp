// validate_batch: one test per rule a batch crossing the ABI must keep. Each
// test takes a well-formed batch and breaks exactly one rule.
#include "foreign_batch.h"

#include <sluice/detail/validate_batch.hpp>
#include <sluice/plugin.hpp>

#include <gtest/gtest.h>

#include <string>

namespace sluice {
namespace {

// Three rows exported by the SDK: "ip" (utf8, row 2 null), "n" (int64),
// "ok" (boolean). The tests change fields of the exported structures; the
// SDK's release callbacks free what they allocated whatever the fields say.
class ExportedBatch {
 public:
  ExportedBatch() {
    Utf8Builder ip;
    ip.append("10.0.0.1");
    ip.append("10.0.0.22");
    ip.append_null();
    Int64Builder n;
    BoolBuilder ok;
    for (int64_t i = 0; i < 3; ++i) {
      n.append(i);
      ok.append(i % 2 == 0);
    }
    BatchBuilder(3).add("ip", ip).add("n", n).add("ok", ok).release_into(&schema, &array);
  }
  ~ExportedBatch() {
    if (array.release != nullptr) array.release(&array);
    if (schema.release != nullptr) schema.release(&schema);
  }
  ExportedBatch(const ExportedBatch&) = delete;
  ExportedBatch& operator=(const ExportedBatch&) = delete;

  ArrowArray& column(int i) { return *array.children[i]; }
  int32_t* offsets() { return static_cast<int32_t*>(const_cast<void*>(column(0).buffers[1])); }
  support::Status validate() const { return validate_batch(schema, array); }

  ArrowSchema schema{};
  ArrowArray array{};
};

// The message of a refused batch, or a failure when it was accepted.
std::string refusal(const ExportedBatch& batch) {
  const support::Status status = batch.validate();
  EXPECT_FALSE(status.ok()) << "a malformed batch was accepted";
  EXPECT_EQ(status.code(), support::StatusCode::kInternal);
  return status.message();
}

TEST(ValidateBatch, AcceptsWhatTheSdkExports) {
  ExportedBatch batch;
  EXPECT_TRUE(batch.validate().ok()) << batch.validate().message();
}

TEST(ValidateBatch, AcceptsAnEmptyBatch) {
  ArrowSchema schema{};
  ArrowArray array{};
  Utf8Builder s;
  Int64Builder n;
  BatchBuilder(0).add("s", s).add("n", n).release_into(&schema, &array);
  EXPECT_TRUE(validate_batch(schema, array).ok()) << validate_batch(schema, array).message();
  array.release(&array);
  schema.release(&schema);
}

TEST(ValidateBatch, AcceptsAForeignBatchWithAStructOffsetAndNulls) {
  testing::ReleaseCounts counts;
  testing::ForeignBatch foreign(4, 3, &counts);
  EXPECT_TRUE(validate_batch(foreign.schema, foreign.array).ok())
      << validate_batch(foreign.schema, foreign.array).message();
}

TEST(ValidateBatch, RefusesAReleasedBatch) {
  ExportedBatch batch;
  auto release = batch.array.release;
  batch.array.release = nullptr;
  EXPECT_NE(refusal(batch).find("the batch was already released"), std::string::npos);
  batch.array.release = release;
}

TEST(ValidateBatch, RefusesAReleasedColumn) {
  ExportedBatch batch;
  auto release = batch.column(1).release;
  batch.column(1).release = nullptr;
  EXPECT_EQ(refusal(batch), "column 'n' was already released");
  batch.column(1).release = release;
}

TEST(ValidateBatch, RefusesANonStruct) {
  ExportedBatch batch;
  batch.schema.format = "l";
  EXPECT_EQ(refusal(batch), "the batch is not a struct array (format '+s')");
}

TEST(ValidateBatch, RefusesAStructWithTheWrongBufferCount) {
  ExportedBatch batch;
  batch.array.n_buffers = 0;
  EXPECT_EQ(refusal(batch), "the batch has 0 buffers; a struct array has 1");
}

TEST(ValidateBatch, RefusesSchemaAndArrayDisagreeingOnColumns) {
  ExportedBatch batch;
  batch.schema.n_children = 2;
  EXPECT_EQ(refusal(batch), "the batch has a schema of 2 columns and an array of 3");
}

TEST(ValidateBatch, RefusesAColumnWithoutAName) {
  ExportedBatch batch;
  batch.schema.children[1]->name = nullptr;
  EXPECT_EQ(refusal(batch), "column 1 has no name");
  batch.schema.children[1]->name = "";
  EXPECT_EQ(refusal(batch), "column 1 has no name");
}

TEST(ValidateBatch, RefusesAFormatItDoesNotKnow) {
  ExportedBatch batch;
  batch.schema.children[1]->format = "w:8";
  EXPECT_EQ(refusal(batch), "column 'n' has format 'w:8', which the host does not know");
  batch.schema.children[1]->format = "\x01+l";
  EXPECT_EQ(refusal(batch), "column 'n' has format '?+l', which the host does not know");
}

TEST(ValidateBatch, KnowsThePrimitiveFormatsAndNoOther) {
  for (const char* known : {"b",   "c",   "C",    "s",       "S",
                            "e",   "i",   "I",    "f",       "l",
                            "L",   "g",   "u",    "z",       "U",
                            "Z",   "tdD", "tdm",  "tts",     "ttm",
                            "ttu", "ttn", "tss:", "tsu:UTC", "tsn:Europe/Paris",
                            "tDs", "tDn"}) {
    EXPECT_TRUE(batch_validation::layout_of(known).has_value()) << known;
  }
  for (const char* unknown :
       {"", "n", "+s", "+l", "w:16", "d:10,2", "vu", "ts", "tsu", "tsx:UTC", "tDx", "tDus"}) {
    EXPECT_FALSE(batch_validation::layout_of(unknown).has_value()) << unknown;
  }
}

TEST(ValidateBatch, RefusesADictionaryEncodedColumn) {
  ExportedBatch batch;
  ArrowArray values{};
  batch.column(1).dictionary = &values;
  EXPECT_EQ(refusal(batch), "column 'n' is dictionary-encoded, which the host does not read");
  batch.column(1).dictionary = nullptr;
}

TEST(ValidateBatch, RefusesAPrimitiveColumnWithChildren) {
  ExportedBatch batch;
  batch.column(1).n_children = 1;
  EXPECT_EQ(refusal(batch), "column 'n' has child arrays, which format 'l' does not");
  batch.column(1).n_children = 0;
}

TEST(ValidateBatch, RefusesTheWrongBufferCount) {
  ExportedBatch batch;
  batch.column(0).n_buffers = 2;
  EXPECT_EQ(refusal(batch), "column 'ip' has 2 buffers; format 'u' has 3");
}

TEST(ValidateBatch, RefusesANegativeLength) {
  ExportedBatch batch;
  batch.column(1).length = -1;
  EXPECT_EQ(refusal(batch), "column 'n' has a negative length");
  ExportedBatch negative_batch;
  negative_batch.array.length = -3;
  EXPECT_EQ(refusal(negative_batch), "the batch has a negative length");
}

TEST(ValidateBatch, RefusesANegativeOffset) {
  ExportedBatch batch;
  batch.column(2).offset = -1;
  EXPECT_EQ(refusal(batch), "column 'ok' has a negative offset");
}

TEST(ValidateBatch, RefusesAnOffsetAndLengthThatOverflow) {
  ExportedBatch batch;
  batch.column(1).offset = INT64_MAX;
  EXPECT_EQ(refusal(batch), "column 'n' has an offset and length that overflow");
}

TEST(ValidateBatch, RefusesANullCountOutOfRange) {
  ExportedBatch batch;
  batch.column(1).null_count = 4;
  EXPECT_EQ(refusal(batch), "column 'n' has a null count of 4 for 3 rows");
  batch.column(1).null_count = -2;
  EXPECT_EQ(refusal(batch), "column 'n' has a null count of -2 for 3 rows");
}

TEST(ValidateBatch, RefusesAColumnShorterThanTheBatch) {
  ExportedBatch batch;
  batch.column(1).length = 2;
  EXPECT_EQ(refusal(batch), "column 'n' has 2 rows, fewer than the 3 the batch's offset and length need");
}

TEST(ValidateBatch, CountsTheStructOffsetIntoWhatAColumnMustHold) {
  testing::ReleaseCounts counts;
  testing::ForeignBatch foreign(4, 3, &counts);
  foreign.array.offset = 4;  // rows 4..7 of children holding 7 elements
  const support::Status status = validate_batch(foreign.schema, foreign.array);
  EXPECT_EQ(status.message(), "column 'n' has 7 rows, fewer than the 8 the batch's offset and length need");
}

TEST(ValidateBatch, RefusesAMissingValidityBitmapWhenThereAreNulls) {
  ExportedBatch batch;
  batch.column(0).buffers[0] = nullptr;
  EXPECT_EQ(refusal(batch), "column 'ip' has no validity bitmap (NULL) but a null count of 1");
}

TEST(ValidateBatch, AcceptsAMissingValidityBitmapWithoutNulls) {
  ExportedBatch batch;
  EXPECT_EQ(batch.column(1).buffers[0], nullptr);
  EXPECT_EQ(batch.column(1).null_count, 0);
  EXPECT_TRUE(batch.validate().ok());
}

TEST(ValidateBatch, RefusesANullCountTheBitmapDoesNotBear) {
  ExportedBatch batch;
  batch.column(0).null_count = 2;
  EXPECT_EQ(refusal(batch), "column 'ip' has a null count of 2, but its validity bitmap marks 1 nulls");
  batch.column(0).null_count = -1;  // "not computed" is allowed
  EXPECT_TRUE(batch.validate().ok());
}

TEST(ValidateBatch, CountsTheNullsOfALongBitmapFromAnUnalignedOffset) {
  // 40 values, null where i % 3 == 2; the column is read from element 5, so
  // the count covers whole bytes and both ragged edges of the bitmap.
  Int64Builder n;
  for (int64_t i = 0; i < 40; ++i) {
    if (i % 3 == 2) {
      n.append_null();
    } else {
      n.append(i);
    }
  }
  ArrowSchema schema{};
  ArrowArray array{};
  BatchBuilder(40).add("n", n).release_into(&schema, &array);
  ArrowArray& column = *array.children[0];
  column.offset = 5;
  column.length = 30;
  array.length = 30;
  int64_t nulls = 0;
  for (int64_t i = 5; i < 35; ++i) nulls += i % 3 == 2 ? 1 : 0;
  column.null_count = nulls;
  EXPECT_TRUE(validate_batch(schema, array).ok()) << validate_batch(schema, array).message();
  column.null_count = nulls + 1;
  EXPECT_EQ(validate_batch(schema, array).message(),
            "column 'n' has a null count of 11, but its validity bitmap marks 10 nulls");
  array.release(&array);
  schema.release(&schema);
}

TEST(ValidateBatch, ShowsAColumnNameWithControlCharactersSafely) {
  ExportedBatch batch;
  batch.schema.children[1]->name = "n\nerror [host] forged";
  batch.column(1).buffers[1] = nullptr;
  EXPECT_EQ(refusal(batch), "column 'n?error [host] forged' has no data buffer (NULL) for its 3 rows");
  const std::string long_name(300, 'x');
  batch.schema.children[1]->name = long_name.c_str();
  EXPECT_EQ(refusal(batch),
            "column '" + std::string(128, 'x') + "' has no data buffer (NULL) for its 3 rows");
}

TEST(ValidateBatch, RefusesAMissingDataBuffer) {
  ExportedBatch batch;
  batch.column(1).buffers[1] = nullptr;
  EXPECT_EQ(refusal(batch), "column 'n' has no data buffer (NULL) for its 3 rows");
  ExportedBatch bits;
  bits.column(2).buffers[1] = nullptr;
  EXPECT_EQ(refusal(bits), "column 'ok' has no data buffer (NULL) for its 3 rows");
}

TEST(ValidateBatch, RefusesAMissingOffsetsBuffer) {
  ExportedBatch batch;
  batch.column(0).buffers[1] = nullptr;
  EXPECT_EQ(refusal(batch), "column 'ip' has no offsets buffer (NULL)");
}

TEST(ValidateBatch, RefusesDecreasingOffsetsNamingTheRowNotTheValue) {
  ExportedBatch batch;
  batch.offsets()[2] = 3;  // offsets 0, 8, 3, 17: row 1 ends before it starts
  const std::string message = refusal(batch);
  EXPECT_EQ(message, "column 'ip' has offsets that decrease at row 1");
  EXPECT_EQ(message.find("10.0"), std::string::npos);
}

TEST(ValidateBatch, ChecksOffsetsFromTheColumnsOwnOffset) {
  ExportedBatch batch;
  batch.offsets()[0] = 9;  // before the column's offset: never read
  batch.column(0).offset = 1;
  batch.column(0).length = 2;
  batch.array.length = 2;
  batch.column(1).length = 2;
  batch.column(2).length = 2;
  batch.column(0).null_count = 1;  // row 2 of the three is the null
  EXPECT_TRUE(batch.validate().ok()) << batch.validate().message();
  batch.offsets()[1] = 18;
  EXPECT_EQ(refusal(batch), "column 'ip' has offsets that decrease at row 0");
}

TEST(ValidateBatch, RefusesANegativeFirstOffset) {
  ExportedBatch batch;
  batch.offsets()[0] = -1;
  EXPECT_EQ(refusal(batch), "column 'ip' has a negative first offset");
}

TEST(ValidateBatch, RefusesOffsetsIntoAnAbsentDataBuffer) {
  ExportedBatch batch;
  batch.column(0).buffers[2] = nullptr;
  EXPECT_EQ(refusal(batch),
            "column 'ip' has offsets reaching byte 17 of a data buffer that is absent (NULL)");
}

TEST(ValidateBatch, AcceptsAnAbsentDataBufferWhenEveryStringIsEmpty) {
  ArrowSchema schema{};
  ArrowArray array{};
  Utf8Builder s;
  s.append("");
  s.append("");
  BatchBuilder(2).add("s", s).release_into(&schema, &array);
  array.children[0]->buffers[2] = nullptr;
  EXPECT_TRUE(validate_batch(schema, array).ok()) << validate_batch(schema, array).message();
  array.release(&array);
  schema.release(&schema);
}

TEST(ValidateBatch, AdoptRefusesAMalformedBatchAndStillReleasesIt) {
  testing::ReleaseCounts counts;
  testing::ForeignBatch foreign(3, 0, &counts);
  foreign.array.children[1]->n_buffers = 2;  // "s" is utf8: three buffers
  try {
    (void)OwnedBatch::adopt(foreign.schema, &foreign.array);
    FAIL() << "expected InternalError";
  } catch (const InternalError& e) {
    EXPECT_STREQ(e.what(), "column 's' has 2 buffers; format 'u' has 3");
  }
  EXPECT_EQ(foreign.array.release, nullptr);
  EXPECT_EQ(counts.arrays, 3);
}

}  // namespace
}  // namespace sluice
