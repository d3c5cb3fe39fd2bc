#include "server/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace licensor::server {
namespace {

TEST(RateLimiter, AllowsTheBurstThenRefuses) {
  RateLimiter limiter(1, 100);
  int retry = 0;
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(limiter.Allow("fleet", retry)) << i;
  EXPECT_FALSE(limiter.Allow("fleet", retry));
  EXPECT_GE(retry, 1);
}

TEST(RateLimiter, KeysAreIndependent) {
  RateLimiter limiter(1, 1);
  int retry = 0;
  EXPECT_TRUE(limiter.Allow("a", retry));
  EXPECT_FALSE(limiter.Allow("a", retry));
  EXPECT_TRUE(limiter.Allow("b", retry));
}

TEST(RateLimiter, ZeroRateDisablesLimiting) {
  RateLimiter limiter(0, 0);
  int retry = 0;
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(limiter.Allow("x", retry));
}

}  // namespace
}  // namespace licensor::server
