#include "sdk/heartbeat_schedule.hpp"

#include <gtest/gtest.h>

namespace licensor::sdk {
namespace {

TEST(HeartbeatSchedule, TheMarginIsAFifthOfTheIntervalWithinBounds) {
  EXPECT_EQ(HeartbeatMargin(10), 2);
  EXPECT_EQ(HeartbeatMargin(60), 12);
  EXPECT_EQ(HeartbeatMargin(3), 1);        // at least a second
  EXPECT_EQ(HeartbeatMargin(86400), 300);  // at most five minutes
}

TEST(HeartbeatSchedule, TheNextHeartbeatGoesOutBeforeTheFileNeedsRefreshing) {
  // A file issued at 1000 with a 60 s interval must be refreshed by 1060: the heartbeat that
  // fetches the next one goes at 1048, not on the interval at 1060.
  EXPECT_EQ(NextHeartbeatAt(1000, 60, 1060), 1048);
  // With no refresh-by (an offline file), on the interval.
  EXPECT_EQ(NextHeartbeatAt(1000, 60, std::nullopt), 1060);
  // A refresh-by far ahead leaves the interval.
  EXPECT_EQ(NextHeartbeatAt(1000, 60, 5000), 1060);
  // Past the margin already: now.
  EXPECT_EQ(NextHeartbeatAt(1055, 60, 1060), 1048);
}

}  // namespace
}  // namespace licensor::sdk
