// The one time rule of a license: each standing at its boundaries, and which wins when two hold.
#include "common/validity_window.hpp"

#include <gtest/gtest.h>

namespace licensor {
namespace {

constexpr UnixSeconds kStart = 1'800'000'000;

ValidityWindow Window() {
  ValidityWindow w;
  w.not_before = kStart;
  w.expires_at = kStart + 1000;
  w.expiry_grace_s = 100;
  w.refresh_by = kStart + 500;
  w.offline_grace_s = 50;
  return w;
}

TEST(ValidityWindow, EachStandingBeginsExactlyAtItsBoundary) {
  ValidityWindow w = Window();
  EXPECT_EQ(StandingAt(w, kStart - 1), TimeStanding::kNotYetValid);
  EXPECT_EQ(StandingAt(w, kStart), TimeStanding::kValid);
  EXPECT_EQ(StandingAt(w, kStart + 499), TimeStanding::kValid);
  EXPECT_EQ(StandingAt(w, kStart + 500), TimeStanding::kInOfflineGrace);
  EXPECT_EQ(StandingAt(w, kStart + 549), TimeStanding::kInOfflineGrace);
  EXPECT_EQ(StandingAt(w, kStart + 550), TimeStanding::kRefreshRequired);
  w.refresh_by.reset();
  EXPECT_EQ(StandingAt(w, kStart + 999), TimeStanding::kValid);
  EXPECT_EQ(StandingAt(w, kStart + 1000), TimeStanding::kInExpiryGrace);
  EXPECT_EQ(StandingAt(w, kStart + 1099), TimeStanding::kInExpiryGrace);
  EXPECT_EQ(StandingAt(w, kStart + 1100), TimeStanding::kExpired);
  w.expires_at.reset();  // perpetual
  EXPECT_EQ(StandingAt(w, kStart + 100 * 365 * 86400LL), TimeStanding::kValid);
  EXPECT_EQ(StandingAt(ValidityWindow{}, 0), TimeStanding::kValid);  // no start, no end
}

TEST(ValidityWindow, WhenTwoHoldTheOneToActOnFirstWins) {
  ValidityWindow w = Window();
  w.refresh_by = kStart + 1000;
  w.offline_grace_s = 200;
  // In both graces: the expiry grace is what the user must act on first.
  EXPECT_EQ(StandingAt(w, kStart + 1050), TimeStanding::kInExpiryGrace);
  // Expired past its grace while still in the offline grace: expired.
  EXPECT_EQ(StandingAt(w, kStart + 1150), TimeStanding::kExpired);
  // In the expiry grace, past the offline grace: the server must be reached.
  w.expiry_grace_s = 500;
  EXPECT_EQ(StandingAt(w, kStart + 1250), TimeStanding::kRefreshRequired);
  // Not yet valid before anything else.
  EXPECT_EQ(StandingAt(w, kStart - 1), TimeStanding::kNotYetValid);
}

}  // namespace
}  // namespace licensor
