#include "signing_key.h"

#include <gtest/gtest.h>

namespace sluice::sqs {
namespace {

// AWS's published example of deriving a signing key (IAM, 2012-02-15).
constexpr std::string_view kExampleSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const SigningScope kExampleScope{"20120215", "us-east-1", "iam"};
constexpr std::string_view kExampleKey = "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d";

TEST(SigningKey, DerivesAwssPublishedExample) {
  EXPECT_EQ(hex_encode(derive_signing_key(kExampleSecret, kExampleScope)), kExampleKey);
}

TEST(SigningKey, TheThreadsCachedKeyIsTheDerivedOne) {
  EXPECT_EQ(hex_encode(signing_key(kExampleSecret, kExampleScope)), kExampleKey);
  EXPECT_EQ(hex_encode(signing_key(kExampleSecret, kExampleScope)), kExampleKey);
}

TEST(SigningKey, ANewDayRegionServiceOrSecretDerivesAgain) {
  const SigningScope next_day{"20120216", "us-east-1", "iam"};
  const SigningScope other_region{"20120215", "eu-west-1", "iam"};
  const SigningScope other_service{"20120215", "us-east-1", "sqs"};
  for (const auto& scope : {next_day, other_region, other_service}) {
    ASSERT_EQ(signing_key(kExampleSecret, kExampleScope), derive_signing_key(kExampleSecret, kExampleScope));
    EXPECT_EQ(signing_key(kExampleSecret, scope), derive_signing_key(kExampleSecret, scope))
        << scope.to_string();
    EXPECT_NE(signing_key(kExampleSecret, scope), derive_signing_key(kExampleSecret, kExampleScope));
  }
  EXPECT_EQ(signing_key("another secret", kExampleScope),
            derive_signing_key("another secret", kExampleScope));
  EXPECT_NE(signing_key("another secret", kExampleScope), derive_signing_key(kExampleSecret, kExampleScope));
}

}  // namespace
}  // namespace sluice::sqs
