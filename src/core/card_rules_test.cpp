#include "core/card_rules.hpp"

#include <gtest/gtest.h>

namespace licensor::core::cards {
namespace {

TEST(CardRules, StatusFollowsTheSeedsTable) {
  EXPECT_EQ(StatusOf(false, false, 30), CardStatus::kUnused);
  EXPECT_EQ(StatusOf(true, false, 30), CardStatus::kInactive);
  EXPECT_EQ(StatusOf(true, true, 29), CardStatus::kInUse);
  EXPECT_EQ(StatusOf(false, true, 29), CardStatus::kDeactivated);
  // No day left is EXPIRED whatever else holds.
  EXPECT_EQ(StatusOf(true, true, 0), CardStatus::kExpired);
  EXPECT_EQ(StatusOf(false, true, 0), CardStatus::kExpired);
  EXPECT_EQ(StatusOf(false, false, 0), CardStatus::kExpired);
  for (const auto s : {CardStatus::kUnused, CardStatus::kInactive, CardStatus::kInUse,
                       CardStatus::kDeactivated, CardStatus::kExpired}) {
    EXPECT_EQ(ParseCardStatus(ToString(s)), s);
  }
  EXPECT_FALSE(ParseCardStatus("in_use").has_value());
}

TEST(CardRules, APeriodContinuesTheLastOneOrStartsNow) {
  constexpr UnixSeconds kNow = 1'800'000'000;
  EXPECT_TRUE(NeedsDeduction(std::nullopt, kNow));
  EXPECT_TRUE(NeedsDeduction(kNow, kNow));
  EXPECT_FALSE(NeedsDeduction(kNow + 1, kNow));
  EXPECT_EQ(PeriodStart(std::nullopt, kNow), kNow);
  EXPECT_EQ(PeriodStart(kNow, kNow), kNow);
  EXPECT_EQ(PeriodStart(kNow - 3600, kNow), kNow - 3600);  // a late run: no gap, no extra day
  EXPECT_EQ(PeriodStart(kNow - kPeriod, kNow), kNow);      // a whole period unused: start now
  EXPECT_EQ(PeriodStart(kNow - 10 * kPeriod, kNow), kNow);
}

TEST(CardRules, DaysRunOutAfterTheWholePeriodsEveryDrawingDeviceCanBePaid) {
  const UnixSeconds now = 1'800'000'000;
  EXPECT_EQ(RunsOutAt(10, 0, now), std::nullopt);  // nobody draws: never
  EXPECT_EQ(RunsOutAt(10, 1, now), now + 10 * kPeriod);
  EXPECT_EQ(RunsOutAt(10, 3, now), now + 3 * kPeriod);  // the tenth day pays for one device only
  EXPECT_EQ(RunsOutAt(2, 3, now), now);                 // already short
  EXPECT_EQ(RunsOutAt(0, 1, now), now);
}

TEST(CardRules, SuperiorsViewAndManageOnlyWhenAllowed) {
  const std::vector<std::string> chain = {"dealer", "distributor"};  // of "shop", nearest first
  EXPECT_EQ(AccessTo("shop", "shop", chain, false), Access::kManage);
  EXPECT_EQ(AccessTo("dealer", "shop", chain, false), Access::kView);
  EXPECT_EQ(AccessTo("distributor", "shop", chain, false), Access::kView);
  EXPECT_EQ(AccessTo("dealer", "shop", chain, true), Access::kManage);
  EXPECT_EQ(AccessTo("other", "shop", chain, true), Access::kNone);
  EXPECT_EQ(AccessTo("shop", "dealer", {"distributor"}, true), Access::kNone);  // not upwards
}

}  // namespace
}  // namespace licensor::core::cards
