// SHA-256 and HMAC-SHA256 against published vectors (FIPS 180-2 examples,
// RFC 4231), including a key longer than a block and one thread's context
// reused from one digest to the next.
#include "crypto.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace sluice::sqs {
namespace {

TEST(Sha256, MatchesPublishedDigests) {
  EXPECT_EQ(hex_encode(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex_encode(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HmacSha256, MatchesRfc4231) {
  EXPECT_EQ(hex_encode(hmac_sha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(hex_encode(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: a 131-byte key, hashed first.
  EXPECT_EQ(hex_encode(hmac_sha256(std::string(131, '\xaa'),
                                   "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacSha256, EachThreadGetsTheSameAnswers) {
  std::string seen[2];
  auto digest = [&seen](int i) {
    for (int n = 0; n < 100; ++n) seen[i] = hex_encode(hmac_sha256("Jefe", "what do ya want for nothing?"));
  };
  std::thread a(digest, 0), b(digest, 1);
  a.join();
  b.join();
  EXPECT_EQ(seen[0], "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(seen[1], seen[0]);
}

}  // namespace
}  // namespace sluice::sqs
