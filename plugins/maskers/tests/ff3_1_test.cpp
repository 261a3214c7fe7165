#include "ff3_1.h"

#include <gtest/gtest.h>

#include "fpe_vectors.h"

namespace sluice::maskers {
namespace {

using testing::from_numerals;
using testing::hex_bytes;
using testing::to_numerals;

const std::vector<std::uint8_t> kKey = hex_bytes("7894F6CA9AFD070207889FDE082C53FA");
const std::vector<std::uint8_t> kTweak = hex_bytes("42B09446564534");

TEST(Ff3_1, ReproducesPublishedVectors) {
  const std::vector<testing::FpeVector> vectors = testing::load_fpe_vectors("ff3-1");
  ASSERT_EQ(vectors.size(), 6u);
  for (const testing::FpeVector& vector : vectors) {
    SCOPED_TRACE(vector.plaintext + " radix " + std::to_string(vector.radix));
    support::Result<Ff3_1> ff3 = Ff3_1::create(vector.key, vector.radix, vector.tweak);
    ASSERT_TRUE(ff3.ok()) << ff3.status().message();
    std::vector<std::uint8_t> numerals = to_numerals(vector.plaintext);
    ASSERT_TRUE(ff3.value().encrypt(numerals, numerals).ok());
    EXPECT_EQ(from_numerals(numerals), vector.ciphertext);
    ASSERT_TRUE(ff3.value().decrypt(numerals, numerals).ok());
    EXPECT_EQ(from_numerals(numerals), vector.plaintext);
  }
}

TEST(Ff3_1, TakesOnlyA56BitTweak) {
  EXPECT_FALSE(Ff3_1::create(kKey, 10, hex_bytes("42B0944656453400")).ok());
  const support::Result<Ff3_1> short_tweak = Ff3_1::create(kKey, 10, hex_bytes("42B094465645"));
  ASSERT_FALSE(short_tweak.ok());
  EXPECT_NE(short_tweak.status().message().find("56 bits"), std::string::npos);
}

// maxlen = 2 * floor(log_radix(2^96)): 56 decimal digits, 24 bytes.
TEST(Ff3_1, EnforcesTheStandardsLengthLimits) {
  support::Result<Ff3_1> decimal = Ff3_1::create(kKey, 10, kTweak);
  EXPECT_EQ(decimal.value().min_length(), 6u);
  EXPECT_EQ(decimal.value().max_length(), 56u);
  EXPECT_EQ(Ff3_1::create(kKey, 256, kTweak).value().max_length(), 24u);
  EXPECT_EQ(Ff3_1::create(kKey, 2, kTweak).value().max_length(), 192u);

  std::vector<std::uint8_t> too_long(57, 3), too_short(5, 3);
  EXPECT_FALSE(decimal.value().encrypt(too_long, too_long).ok());
  EXPECT_FALSE(decimal.value().encrypt(too_short, too_short).ok());
  std::vector<std::uint8_t> longest(56, 9);
  std::vector<std::uint8_t> recovered(56);
  ASSERT_TRUE(decimal.value().encrypt(longest, recovered).ok());
  ASSERT_TRUE(decimal.value().decrypt(recovered, recovered).ok());
  EXPECT_EQ(recovered, longest);
}

TEST(Ff3_1, RefusesAKeyOfTheWrongSize) {
  EXPECT_FALSE(Ff3_1::create(hex_bytes("7894F6CA9AFD070207889FDE082C53"), 10, kTweak).ok());
}

}  // namespace
}  // namespace sluice::maskers
