#include "ip_value_cipher.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include "fpe_value_cipher.h"
#include "fpe_vectors.h"

namespace sluice::maskers {
namespace {

const std::vector<std::uint8_t> kKey = testing::hex_bytes("2B7E151628AED2A6ABF7158809CF4F3C");

std::unique_ptr<ValueCipher> make(FpeFormat format) {
  const std::string tweak = "ip";
  return make_fpe_value_cipher({FpeMode::ff1, format, ""}, kKey,
                               std::span(reinterpret_cast<const std::uint8_t*>(tweak.data()), tweak.size()))
      .value();
}

bool is_address(const std::string& text, int af) {
  std::uint8_t bytes[16];
  return inet_pton(af, text.c_str(), bytes) == 1;
}

TEST(IpValueCipher, MasksAnIpv4AddressIntoAnotherIpv4Address) {
  std::unique_ptr<ValueCipher> cipher = make(FpeFormat::ipv4);
  std::string masked, recovered;
  ASSERT_TRUE(cipher->encrypt("192.168.1.20", masked).ok());
  EXPECT_TRUE(is_address(masked, AF_INET)) << masked;
  EXPECT_NE(masked, "192.168.1.20");
  ASSERT_TRUE(cipher->decrypt(masked, recovered).ok());
  EXPECT_EQ(recovered, "192.168.1.20");
}

TEST(IpValueCipher, MasksAnIpv6AddressIntoAnotherIpv6Address) {
  std::unique_ptr<ValueCipher> cipher = make(FpeFormat::ipv6);
  std::string masked, recovered;
  ASSERT_TRUE(cipher->encrypt("2001:db8::8a2e:370:7334", masked).ok());
  EXPECT_TRUE(is_address(masked, AF_INET6)) << masked;
  ASSERT_TRUE(cipher->decrypt(masked, recovered).ok());
  EXPECT_EQ(recovered, "2001:db8::8a2e:370:7334");
}

TEST(IpValueCipher, EitherFamilyKeepsTheFamilyOfTheInput) {
  std::unique_ptr<ValueCipher> cipher = make(FpeFormat::ip);
  std::string masked;
  ASSERT_TRUE(cipher->encrypt("10.0.0.1", masked).ok());
  EXPECT_TRUE(is_address(masked, AF_INET)) << masked;
  ASSERT_TRUE(cipher->encrypt("fe80::1", masked).ok());
  EXPECT_TRUE(is_address(masked, AF_INET6)) << masked;
}

TEST(IpValueCipher, EqualAddressesGiveEqualMaskedAddresses) {
  std::unique_ptr<ValueCipher> cipher = make(FpeFormat::ip);
  std::string first, second;
  ASSERT_TRUE(cipher->encrypt("203.0.113.7", first).ok());
  ASSERT_TRUE(cipher->encrypt("203.0.113.7", second).ok());
  EXPECT_EQ(first, second);
}

TEST(IpValueCipher, DecryptionGivesTheCanonicalForm) {
  std::unique_ptr<ValueCipher> cipher = make(FpeFormat::ipv6);
  std::string masked, recovered;
  ASSERT_TRUE(cipher->encrypt("2001:0DB8:0000:0000:0000:0000:0000:0001", masked).ok());
  ASSERT_TRUE(cipher->decrypt(masked, recovered).ok());
  EXPECT_EQ(recovered, "2001:db8::1");
}

// The reason goes to logs and the dead-letter sink: it must not repeat the value.
TEST(IpValueCipher, RefusesWhatIsNotAnAddressWithoutQuotingIt) {
  const std::vector<std::pair<FpeFormat, std::string>> refused = {
      {FpeFormat::ipv4, "300.1.2.3"},         {FpeFormat::ipv4, "1.2.3"},   {FpeFormat::ipv4, "::1"},
      {FpeFormat::ipv4, "01.2.3.4"},          {FpeFormat::ipv4, ""},        {FpeFormat::ipv6, "10.1.2.3"},
      {FpeFormat::ipv6, "fe80::1%eth0"},      {FpeFormat::ipv6, "1::2::3"}, {FpeFormat::ip, "hello"},
      {FpeFormat::ip, std::string(100, '1')},
  };
  for (const auto& [format, value] : refused) {
    std::string masked;
    const support::Status status = make(format)->encrypt(value, masked);
    ASSERT_FALSE(status.ok()) << value;
    if (!value.empty()) {
      EXPECT_EQ(status.message().find(value), std::string::npos) << status.message();
    }
    EXPECT_NE(status.message().find("not a valid"), std::string::npos) << status.message();
  }
}

}  // namespace
}  // namespace sluice::maskers
