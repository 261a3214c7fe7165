#include "secret_source.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace sluice::maskers {
namespace {

constexpr const char* kVariable = "SLUICE_MASKERS_TEST_KEY";
const std::string kKeyHex = "2b7e151628aed2a6abf7158809cf4f3c";

class SecretSourceTest : public ::testing::Test {
 protected:
  void TearDown() override {
    unsetenv(kVariable);
    if (!file_.empty()) std::filesystem::remove(file_);
  }

  SecretSource file_with(const std::string& content) {
    file_ = std::filesystem::temp_directory_path() / ("sluice_maskers_key_" + std::to_string(::getpid()));
    std::ofstream(file_) << content;
    return SecretSource::file(file_.string());
  }

  std::filesystem::path file_;
};

TEST_F(SecretSourceTest, ReadsAHexFpeKeyFromTheEnvironment) {
  setenv(kVariable, kKeyHex.c_str(), 1);
  support::Result<SecretBytes> key = load_fpe_key(SecretSource::environment(kVariable));
  ASSERT_TRUE(key.ok()) << key.status().message();
  ASSERT_EQ(key.value().size(), 16u);
  EXPECT_EQ(key.value().bytes()[0], 0x2b);
  EXPECT_EQ(key.value().bytes()[15], 0x3c);
}

TEST_F(SecretSourceTest, IgnoresTheTrailingNewlineOfAKeyFile) {
  support::Result<SecretBytes> key = load_fpe_key(file_with(kKeyHex + kKeyHex + "\n"));
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(key.value().size(), 32u);
}

TEST_F(SecretSourceTest, TheSameKeyServesHmacAndFpe) {
  setenv(kVariable, kKeyHex.c_str(), 1);
  EXPECT_TRUE(load_fpe_key(SecretSource::environment(kVariable)).ok());
  EXPECT_TRUE(load_hmac_key(SecretSource::environment(kVariable)).ok());
}

TEST_F(SecretSourceTest, SaysWhatIsMissing) {
  const support::Result<SecretBytes> unset = load_fpe_key(SecretSource::environment(kVariable));
  ASSERT_FALSE(unset.ok());
  EXPECT_EQ(unset.status().message(), std::string("environment variable ") + kVariable + " is not set");
  const support::Result<SecretBytes> absent = load_hmac_key(SecretSource::file("/nonexistent/key"));
  ASSERT_FALSE(absent.ok());
  EXPECT_NE(absent.status().message().find("/nonexistent/key"), std::string::npos);
  setenv(kVariable, "  \n", 1);
  EXPECT_FALSE(load_salt(SecretSource::environment(kVariable)).ok());
}

// A wrong key must be reported without echoing it: it may be most of a
// real key, pasted into the wrong variable.
TEST_F(SecretSourceTest, RefusesMalformedKeysWithoutQuotingThem) {
  const std::vector<std::string> bad = {
      kKeyHex.substr(0, 30),               // too short
      kKeyHex + "00",                      // 136 bits: not an AES size
      "zz" + kKeyHex.substr(2),            // not hex
      "correct horse battery staple 123",  // a passphrase
  };
  for (const std::string& text : bad) {
    setenv(kVariable, text.c_str(), 1);
    const support::Result<SecretBytes> key = load_fpe_key(SecretSource::environment(kVariable));
    ASSERT_FALSE(key.ok()) << text;
    EXPECT_EQ(key.status().message().find(text.substr(2, 8)), std::string::npos) << key.status().message();
    EXPECT_NE(key.status().message().find("32, 48 or 64 hex digits"), std::string::npos)
        << key.status().message();
  }
}

TEST_F(SecretSourceTest, HmacKeysAreAtLeast128Bits) {
  setenv(kVariable, "00112233445566778899aabbccddee", 1);
  EXPECT_FALSE(load_hmac_key(SecretSource::environment(kVariable)).ok());
  setenv(kVariable, std::string(512, 'a').c_str(), 1);
  EXPECT_TRUE(load_hmac_key(SecretSource::environment(kVariable)).ok());
  setenv(kVariable, std::string(514, 'a').c_str(), 1);
  EXPECT_FALSE(load_hmac_key(SecretSource::environment(kVariable)).ok());
}

TEST_F(SecretSourceTest, SaltsAreRawText) {
  support::Result<SecretBytes> salt = load_salt(file_with("pepper\n"));
  ASSERT_TRUE(salt.ok());
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(salt.value().bytes().data()), salt.value().size()),
            "pepper");
}

TEST_F(SecretSourceTest, RefusesAFileTooLargeToBeAKey) {
  const support::Result<SecretBytes> key = load_fpe_key(file_with(std::string(5000, 'a')));
  ASSERT_FALSE(key.ok());
  EXPECT_NE(key.status().message().find("larger than 4096 bytes"), std::string::npos)
      << key.status().message();
}

TEST_F(SecretSourceTest, IgnoresSurroundingAsciiWhitespaceOfAnyKind) {
  setenv(kVariable, ("\t\v " + kKeyHex + "\r\n\f").c_str(), 1);
  EXPECT_TRUE(load_fpe_key(SecretSource::environment(kVariable)).ok());
}

TEST(SecretBytes, MovingLeavesTheSourceEmpty) {
  const std::uint8_t raw[] = {1, 2, 3};
  SecretBytes first{std::span<const std::uint8_t>(raw)};
  SecretBytes second = std::move(first);
  EXPECT_EQ(second.size(), 3u);
  EXPECT_TRUE(first.empty());  // NOLINT: checking the moved-from state on purpose
}

}  // namespace
}  // namespace sluice::maskers
