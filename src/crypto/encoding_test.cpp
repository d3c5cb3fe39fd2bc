#include "crypto/encoding.hpp"

#include <gtest/gtest.h>

#include "crypto/random.hpp"

namespace licensor::crypto {
namespace {

TEST(Encoding, HmacSha256MatchesRfc4231) {
  ASSERT_TRUE(Initialize());
  // RFC 4231, test case 2 (a key shorter than the block).
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: a key longer than the block is hashed first.
  EXPECT_EQ(HmacSha256Hex(std::string(131, '\xaa'),
                          "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Encoding, WebhookSecretsAreLongAndDistinct) {
  ASSERT_TRUE(Initialize());
  const std::string a = NewWebhookSecret();
  EXPECT_EQ(a.rfind("whsec_", 0), 0u);
  EXPECT_EQ(a.size(), 6u + 43u);
  EXPECT_NE(a, NewWebhookSecret());
}

}  // namespace
}  // namespace licensor::crypto
