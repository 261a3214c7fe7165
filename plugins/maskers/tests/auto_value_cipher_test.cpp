#include "auto_value_cipher.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <random>

#include "fpe_value_cipher.h"
#include "fpe_vectors.h"

namespace sluice::maskers {
namespace {

std::unique_ptr<ValueCipher> make_auto(FpeMode mode) {
  const std::vector<std::uint8_t> key = testing::hex_bytes("2B7E151628AED2A6ABF7158809CF4F3C");
  const std::vector<std::uint8_t> tweak = testing::hex_bytes("00112233445566");
  return make_fpe_value_cipher({mode, FpeFormat::kAutomatic, ""}, key, tweak).value();
}

bool is_address(const std::string& text, int af) {
  std::uint8_t bytes[16];
  return inet_pton(af, text.c_str(), bytes) == 1;
}

TEST(AutoValueCipher, KeepsEachValueInItsKind) {
  std::unique_ptr<ValueCipher> cipher = make_auto(FpeMode::kFf1);
  std::string masked;
  ASSERT_TRUE(cipher->encrypt("192.168.0.1", masked).ok());
  EXPECT_TRUE(is_address(masked, AF_INET)) << masked;
  ASSERT_TRUE(cipher->encrypt("fe80::1", masked).ok());
  EXPECT_TRUE(is_address(masked, AF_INET6)) << masked;
  ASSERT_TRUE(cipher->encrypt("593-47-5928", masked).ok());
  EXPECT_EQ(masked.size(), 11u);
  EXPECT_EQ(masked.find_first_not_of("0123456789-"), std::string::npos) << masked;
}

// Digits laid out like an address are refused rather than masked as digits:
// their masked form could be a valid address, which unmask would then
// decrypt as one.
TEST(AutoValueCipher, RefusesWhatItCouldNotRouteBackTheSameWay) {
  std::unique_ptr<ValueCipher> cipher = make_auto(FpeMode::kFf1);
  std::string masked;
  EXPECT_FALSE(cipher->encrypt("300.1.2.3", masked).ok());
  EXPECT_FALSE(cipher->encrypt("12:30:45", masked).ok());
  EXPECT_FALSE(cipher->encrypt("ab123456", masked).ok());
}

TEST(AutoValueCipher, RoundTripsAMixOfValues) {
  for (const FpeMode mode : {FpeMode::kFf1, FpeMode::kFf31}) {
    std::unique_ptr<ValueCipher> cipher = make_auto(mode);
    std::mt19937 random(5);
    for (int i = 0; i < 300; ++i) {
      std::string value;
      std::uint8_t bytes[16];
      for (std::uint8_t& b : bytes) b = static_cast<std::uint8_t>(random());
      char text[INET6_ADDRSTRLEN];
      switch (i % 3) {
        case 0: value = inet_ntop(AF_INET, bytes, text, sizeof text); break;
        case 1: value = inet_ntop(AF_INET6, bytes, text, sizeof text); break;
        default:
          value = std::to_string(100000000 + random() % 900000000) + "-" + std::to_string(random() % 10);
          break;
      }
      std::string masked, recovered;
      ASSERT_TRUE(cipher->encrypt(value, masked).ok()) << value;
      ASSERT_TRUE(cipher->decrypt(masked, recovered).ok()) << masked;
      ASSERT_EQ(recovered, value);
    }
  }
}

}  // namespace
}  // namespace sluice::maskers
