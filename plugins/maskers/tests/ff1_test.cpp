#include "ff1.h"

#include <gtest/gtest.h>

#include <random>

#include "ff1_internal.h"
#include "fpe_vectors.h"

namespace sluice::maskers {
namespace {

using testing::from_numerals;
using testing::hex_bytes;
using testing::to_numerals;

const std::vector<std::uint8_t> kKey128 = hex_bytes("2B7E151628AED2A6ABF7158809CF4F3C");

std::vector<std::uint8_t> random_numerals(std::mt19937& random, unsigned radix, std::size_t length) {
  std::uniform_int_distribution<unsigned> numeral(0, radix - 1);
  std::vector<std::uint8_t> numerals(length);
  for (std::uint8_t& n : numerals) n = static_cast<std::uint8_t>(numeral(random));
  return numerals;
}

TEST(Ff1, ReproducesNistSamples1To9) {
  const std::vector<testing::FpeVector> vectors = testing::load_fpe_vectors("ff1");
  ASSERT_EQ(vectors.size(), 9u);
  for (const testing::FpeVector& vector : vectors) {
    SCOPED_TRACE(vector.plaintext + " radix " + std::to_string(vector.radix));
    support::Result<Ff1> ff1 = Ff1::create(vector.key, vector.radix, vector.tweak);
    ASSERT_TRUE(ff1.ok()) << ff1.status().message();
    std::vector<std::uint8_t> numerals = to_numerals(vector.plaintext);
    ASSERT_TRUE(ff1.value().encrypt(numerals, numerals).ok());
    EXPECT_EQ(from_numerals(numerals), vector.ciphertext);
    ASSERT_TRUE(ff1.value().decrypt(numerals, numerals).ok());
    EXPECT_EQ(from_numerals(numerals), vector.plaintext);
  }
}

TEST(Ff1, GeneralPathReproducesNistSamples) {
  for (const testing::FpeVector& vector : testing::load_fpe_vectors("ff1")) {
    support::Result<AesBlockCipher> aes = AesBlockCipher::create(vector.key);
    ASSERT_TRUE(aes.ok());
    const std::vector<std::uint8_t> plaintext = to_numerals(vector.plaintext);
    std::vector<std::uint8_t> ciphertext(plaintext.size());
    ASSERT_TRUE(
        ff1_general_crypt(aes.value(), vector.radix, vector.tweak, plaintext, ciphertext, Direction::encrypt)
            .ok());
    EXPECT_EQ(from_numerals(ciphertext), vector.ciphertext);
  }
}

// The precomputed fast path and the textbook bignum path must agree on every
// length both can handle, for tweaks that put Q's data in various places.
TEST(Ff1, FastPathMatchesGeneralPath) {
  std::mt19937 random(20240601);
  support::Result<AesBlockCipher> aes = AesBlockCipher::create(kKey128);
  ASSERT_TRUE(aes.ok());
  for (const unsigned radix : {2u, 10u, 16u, 36u, 62u, 95u, 256u}) {
    for (const std::size_t tweak_length : {0u, 3u, 11u, 12u, 16u, 29u}) {
      const std::vector<std::uint8_t> tweak = random_numerals(random, 256, tweak_length);
      for (std::size_t length = min_length_for_domain(radix);; ++length) {
        const std::optional<Ff1LengthPlan> plan = make_ff1_plan(aes.value(), radix, tweak, length);
        if (!plan) break;
        SCOPED_TRACE("radix " + std::to_string(radix) + " length " + std::to_string(length) + " tweak " +
                     std::to_string(tweak_length));
        const std::vector<std::uint8_t> input = random_numerals(random, radix, length);
        for (const Direction direction : {Direction::encrypt, Direction::decrypt}) {
          std::vector<std::uint8_t> fast(length), general(length);
          ff1_fast_crypt(aes.value(), *plan, radix, input, fast, direction);
          ASSERT_TRUE(ff1_general_crypt(aes.value(), radix, tweak, input, general, direction).ok());
          ASSERT_EQ(fast, general);
        }
      }
    }
  }
}

TEST(Ff1, EncryptsLongInputsOnTheGeneralPath) {
  std::mt19937 random(7);
  support::Result<Ff1> ff1 = Ff1::create(kKey128, 10, {});
  ASSERT_TRUE(ff1.ok());
  const std::vector<std::uint8_t> plaintext = random_numerals(random, 10, 1000);
  std::vector<std::uint8_t> ciphertext(plaintext.size()), recovered(plaintext.size());
  ASSERT_TRUE(ff1.value().encrypt(plaintext, ciphertext).ok());
  EXPECT_NE(ciphertext, plaintext);
  ASSERT_TRUE(ff1.value().decrypt(ciphertext, recovered).ok());
  EXPECT_EQ(recovered, plaintext);
}

TEST(Ff1, DifferentTweaksGiveDifferentCiphertexts) {
  const std::vector<std::uint8_t> plaintext = to_numerals("123456789");
  std::vector<std::uint8_t> under_ip(9), under_device(9);
  const std::string ip = "ip", device = "device_id";
  support::Result<Ff1> first =
      Ff1::create(kKey128, 10, std::span(reinterpret_cast<const std::uint8_t*>(ip.data()), 2));
  support::Result<Ff1> second =
      Ff1::create(kKey128, 10, std::span(reinterpret_cast<const std::uint8_t*>(device.data()), 9));
  ASSERT_TRUE(first.value().encrypt(plaintext, under_ip).ok());
  ASSERT_TRUE(second.value().encrypt(plaintext, under_device).ok());
  EXPECT_NE(under_ip, under_device);
}

TEST(Ff1, RefusesDomainsSmallerThanAMillion) {
  support::Result<Ff1> ff1 = Ff1::create(kKey128, 10, {});
  ASSERT_TRUE(ff1.ok());
  EXPECT_EQ(ff1.value().min_length(), 6u);
  std::vector<std::uint8_t> five_digits = to_numerals("12345");
  const support::Status status = ff1.value().encrypt(five_digits, five_digits);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("radix^length >= 1000000"), std::string::npos) << status.message();
  EXPECT_EQ(Ff1::create(kKey128, 256, {}).value().min_length(), 3u);
  EXPECT_EQ(Ff1::create(kKey128, 2, {}).value().min_length(), 20u);
}

TEST(Ff1, RefusesInputsLongerThanItsLimit) {
  support::Result<Ff1> ff1 = Ff1::create(kKey128, 10, {});
  std::vector<std::uint8_t> too_long(kFf1MaxLength + 1, 1);
  EXPECT_FALSE(ff1.value().encrypt(too_long, too_long).ok());
}

TEST(Ff1, RefusesNumeralsOutsideTheRadix) {
  support::Result<Ff1> ff1 = Ff1::create(kKey128, 10, {});
  std::vector<std::uint8_t> numerals = {1, 2, 3, 4, 5, 10};
  EXPECT_FALSE(ff1.value().encrypt(numerals, numerals).ok());
}

TEST(Ff1, RefusesBadParameters) {
  EXPECT_FALSE(Ff1::create(hex_bytes("2B7E151628AED2A6ABF7158809CF4F"), 10, {}).ok());
  EXPECT_FALSE(Ff1::create(kKey128, 1, {}).ok());
  EXPECT_FALSE(Ff1::create(kKey128, 257, {}).ok());
  const std::vector<std::uint8_t> long_tweak(kFf1MaxTweakBytes + 1, 0);
  EXPECT_FALSE(Ff1::create(kKey128, 10, long_tweak).ok());
}

}  // namespace
}  // namespace sluice::maskers
