#include "core/registry_rules.hpp"

#include <gtest/gtest.h>

namespace licensor::core::registry {
namespace {

constexpr UnixSeconds kNow = 1'800'000'000;
constexpr std::int64_t kDay = 86400;

TEST(RegistryRules, CertificatesStackOnAFutureEndAndStartFromNowOtherwise) {
  const Coverage none;
  EXPECT_FALSE(none.CoversAt(kNow));
  const Coverage year = Extend(none, 365, kNow);
  EXPECT_EQ(year.until, kNow + 365 * kDay);
  // A second certificate 100 days later adds to the current end, not to now.
  const Coverage stacked = Extend(year, 30, kNow + 100 * kDay);
  EXPECT_EQ(stacked.until, kNow + 395 * kDay);
  // After the end has passed, a new certificate counts from now.
  const Coverage lapsed = Extend(year, 30, kNow + 400 * kDay);
  EXPECT_EQ(lapsed.until, kNow + 430 * kDay);
  // PERMANENT removes the end, and nothing brings it back.
  const Coverage forever = Extend(year, std::nullopt, kNow);
  EXPECT_TRUE(forever.permanent);
  EXPECT_TRUE(forever.CoversAt(kNow + 100000 * kDay));
  EXPECT_TRUE(Extend(forever, 30, kNow).permanent);
}

TEST(RegistryRules, StatusesFollowTheSeed) {
  const Coverage year{false, kNow + 365 * kDay};
  EXPECT_EQ(StatusOf(false, Coverage{}, false, kNow), CertificateStatus::kUnused);
  EXPECT_EQ(StatusOf(true, year, false, kNow), CertificateStatus::kActivated);
  EXPECT_EQ(StatusOf(true, year, false, kNow + 365 * kDay), CertificateStatus::kExpired);
  EXPECT_EQ(StatusOf(true, year, true, kNow), CertificateStatus::kExpired);  // agent deleted
  EXPECT_EQ(StatusOf(true, Coverage{true, std::nullopt}, false, kNow + 9999 * kDay),
            CertificateStatus::kActivated);
  EXPECT_STREQ(ToString(CertificateStatus::kUnused), "UNUSED");
}

TEST(RegistryRules, RemindersComeOnTheirDaysEachOnce) {
  const UnixSeconds expiry = kNow + 60 * kDay;
  std::set<int> handled;
  std::vector<int> sent;
  for (int day = 0; day <= 61; ++day) {  // a daily job, from 60 days before to after expiry
    const ReminderDecision d = DueReminder(expiry, kNow + day * kDay, handled);
    EXPECT_TRUE(d.skip.empty());
    if (d.send) {
      sent.push_back(*d.send);
      handled.insert(*d.send);
    }
    // Running the job again the same day sends nothing more.
    EXPECT_FALSE(DueReminder(expiry, kNow + day * kDay, handled).send.has_value());
  }
  EXPECT_EQ(sent, kReminderDays);
}

TEST(RegistryRules, AJobThatWasDownSendsOnlyTheNearestReminder) {
  const UnixSeconds expiry = kNow + 60 * kDay;
  const ReminderDecision d = DueReminder(expiry, expiry - 10 * kDay, {});
  EXPECT_EQ(d.send, 15);
  EXPECT_EQ(d.skip, (std::vector<int>{45, 30}));
  EXPECT_FALSE(DueReminder(expiry, expiry, {}).send.has_value());  // already expired
}

}  // namespace
}  // namespace licensor::core::registry
