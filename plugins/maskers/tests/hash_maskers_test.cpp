#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fpe_vectors.h"
#include "hmac_sha256_masker.h"
#include "key_id.h"
#include "sha256_masker.h"

namespace sluice::maskers {
namespace {

using testing::hex_bytes;

std::string mask(OneWayMasker& masker, std::string_view value) {
  std::string out;
  EXPECT_TRUE(masker.mask(value, out).ok());
  return out;
}

std::vector<std::uint8_t> bytes_of(std::string_view text) { return {text.begin(), text.end()}; }

Sha256Masker sha256(std::string_view salt = "", DigestEncoding encoding = DigestEncoding::kHex,
                    std::string_view key_id = "") {
  return Sha256Masker::create(bytes_of(salt), DigestText(encoding, key_prefix(key_id))).value();
}

TEST(Sha256Masker, MatchesFips180Abc) {
  Sha256Masker masker = sha256();
  EXPECT_EQ(mask(masker, "abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(mask(masker, ""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(mask(masker, "abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256Masker, HashesTheSaltBeforeTheValue) {
  Sha256Masker masker = sha256("pepper");
  EXPECT_EQ(mask(masker, "abc"), "fadf7b97406e1eaa259a82e26e6839e564c37c256876e060e17838c86b7275ef");
}

TEST(Sha256Masker, WritesBase64UrlAndTheKeyIdPrefix) {
  Sha256Masker base64 = sha256("", DigestEncoding::kBase64url);
  EXPECT_EQ(mask(base64, "abc"), "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  Sha256Masker prefixed = sha256("", DigestEncoding::kHex, "k1");
  EXPECT_EQ(mask(prefixed, "abc"), "k1:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

struct HmacVector {
  std::vector<std::uint8_t> key;
  std::vector<std::uint8_t> data;
  std::string digest;
};

// RFC 4231 test cases 1-4, 6 and 7 (case 5 is a truncated output).
TEST(HmacSha256Masker, MatchesRfc4231) {
  std::vector<std::uint8_t> counting_key;
  for (std::uint8_t i = 1; i <= 25; ++i) counting_key.push_back(i);
  const std::vector<HmacVector> vectors = {
      {std::vector<std::uint8_t>(20, 0x0b), bytes_of("Hi There"),
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {bytes_of("Jefe"), bytes_of("what do ya want for nothing?"),
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {std::vector<std::uint8_t>(20, 0xaa), std::vector<std::uint8_t>(50, 0xdd),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {counting_key, std::vector<std::uint8_t>(50, 0xcd),
       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
      {std::vector<std::uint8_t>(131, 0xaa),
       bytes_of("Test Using Larger Than Block-Size Key - Hash Key First"),
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {std::vector<std::uint8_t>(131, 0xaa),
       bytes_of(
           "This is a test using a larger than block-size key and a larger than block-size data. The key "
           "needs to be hashed before being used by the HMAC algorithm."),
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
  };
  for (const HmacVector& vector : vectors) {
    HmacSha256Masker masker =
        HmacSha256Masker::create(vector.key, DigestText(DigestEncoding::kHex, "")).value();
    const std::string_view data(reinterpret_cast<const char*>(vector.data.data()), vector.data.size());
    EXPECT_EQ(mask(masker, data), vector.digest);
    EXPECT_EQ(mask(masker, data), vector.digest) << "second use of the same masker";
  }
}

TEST(HmacSha256Masker, DifferentKeysGiveUnrelatedOutputs) {
  HmacSha256Masker first =
      HmacSha256Masker::create(std::vector<std::uint8_t>(16, 1), DigestText(DigestEncoding::kHex, "k1:"))
          .value();
  HmacSha256Masker second =
      HmacSha256Masker::create(std::vector<std::uint8_t>(16, 2), DigestText(DigestEncoding::kHex, "k2:"))
          .value();
  const std::string a = mask(first, "10.0.0.1");
  const std::string b = mask(second, "10.0.0.1");
  EXPECT_TRUE(a.starts_with("k1:"));
  EXPECT_TRUE(b.starts_with("k2:"));
  EXPECT_NE(a.substr(3), b.substr(3));
}

TEST(KeyId, AcceptsShortLabelsOnly) {
  EXPECT_TRUE(check_key_id("k1").ok());
  EXPECT_TRUE(check_key_id("2024-06_a.b").ok());
  EXPECT_FALSE(check_key_id("").ok());
  EXPECT_FALSE(check_key_id("k:1").ok());
  EXPECT_FALSE(check_key_id("k 1").ok());
  EXPECT_FALSE(check_key_id(std::string(33, 'k')).ok());
  EXPECT_EQ(key_prefix("k1"), "k1:");
  EXPECT_EQ(key_prefix(""), "");
  EXPECT_EQ(strip_key_prefix("k1:1.2.3.4", "k1:"), "1.2.3.4");
  EXPECT_FALSE(strip_key_prefix("k2:1.2.3.4", "k1:").has_value());
}

TEST(DigestEncoding, ParsesTheNamesUsersWrite) {
  EXPECT_EQ(parse_digest_encoding("hex"), DigestEncoding::kHex);
  EXPECT_EQ(parse_digest_encoding("base64url"), DigestEncoding::kBase64url);
  EXPECT_FALSE(parse_digest_encoding("base64").has_value());
}

}  // namespace
}  // namespace sluice::maskers
