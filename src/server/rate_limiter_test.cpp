// Token buckets: burst, refill by the injected monotonic clock, independence of keys, and
// bounded memory under a flood of keys.
#include "server/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace licensor::server {
namespace {

const ManualClock kClock{1798761600};

TEST(RateLimiter, AllowsTheBurstThenRefuses) {
  RateLimiter limiter(kClock, 1, 100);
  int retry = 0;
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(limiter.Allow("fleet", retry)) << i;
  EXPECT_FALSE(limiter.Allow("fleet", retry));
  EXPECT_GE(retry, 1);
}

TEST(RateLimiter, TokensComeBackAsMonotonicTimePassesNotAsTheDateMoves) {
  ManualClock time{1798761600};
  RateLimiter limiter(time, 2, 2);
  int retry = 0;
  ASSERT_TRUE(limiter.Allow("fleet", retry));
  ASSERT_TRUE(limiter.Allow("fleet", retry));
  ASSERT_FALSE(limiter.Allow("fleet", retry));
  time.Set(time.Now() + 86400);  // the date jumps; no time has passed
  EXPECT_FALSE(limiter.Allow("fleet", retry));
  time.Advance(1);  // a second: two tokens, no more than the burst
  EXPECT_TRUE(limiter.Allow("fleet", retry));
  EXPECT_TRUE(limiter.Allow("fleet", retry));
  EXPECT_FALSE(limiter.Allow("fleet", retry));
}

TEST(RateLimiter, KeysAreIndependent) {
  RateLimiter limiter(kClock, 1, 1);
  int retry = 0;
  EXPECT_TRUE(limiter.Allow("a", retry));
  EXPECT_FALSE(limiter.Allow("a", retry));
  EXPECT_TRUE(limiter.Allow("b", retry));
}

TEST(RateLimiter, ZeroRateDisablesLimiting) {
  RateLimiter limiter(kClock, 0, 0);
  int retry = 0;
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(limiter.Allow("x", retry));
}

}  // namespace
}  // namespace licensor::server

namespace licensor::server {
namespace {

TEST(RateLimiter, AFloodOfNewKeysEvictsQuietKeysNotTheOneBeingLimited) {
  RateLimiter limiter(kClock, 1, 2, /*max_keys=*/100);
  int retry = 0;
  ASSERT_TRUE(limiter.Allow("abuser", retry));
  ASSERT_TRUE(limiter.Allow("abuser", retry));
  ASSERT_FALSE(limiter.Allow("abuser", retry));
  for (int i = 0; i < 1000; ++i) {
    limiter.Allow("fresh-" + std::to_string(i), retry);
    // The abuser keeps asking, so it stays among the most recent and stays limited.
    EXPECT_FALSE(limiter.Allow("abuser", retry)) << i;
  }
  EXPECT_EQ(limiter.size(), 100u);
}

}  // namespace
}  // namespace licensor::server
