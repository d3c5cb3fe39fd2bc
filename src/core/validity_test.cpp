#include "core/validity.hpp"

#include <gtest/gtest.h>

namespace licensor::core {
namespace {

constexpr UnixSeconds kDay = 86400;
constexpr UnixSeconds kT0 = 1798761600;  // 2027-01-01

License Trial(std::int64_t days) {
  License l;
  l.created_at = kT0;
  l.duration_days = days;
  l.expires_at = kT0 + days * kDay;
  return l;
}

TEST(Validity, FromCreationCountsFromIssue) { EXPECT_EQ(ComputeExpiry(Trial(7)), kT0 + 7 * kDay); }

TEST(Validity, FromFirstActivationHasNoExpiryUntilActivated) {
  License l = Trial(7);
  l.validity_basis = ValidityBasis::kFromFirstActivation;
  EXPECT_FALSE(ComputeExpiry(l).has_value());
  l.first_activated_at = kT0 + 3 * kDay;
  EXPECT_EQ(ComputeExpiry(l), kT0 + 10 * kDay);
}

TEST(Validity, PerpetualNeverExpires) {
  License l;
  l.created_at = kT0;
  EXPECT_FALSE(ComputeExpiry(l).has_value());
  EXPECT_EQ(ExpiryStateAt(l, 0, kT0 + 10000 * kDay), ExpiryState::kNotExpired);
}

TEST(Renewal, ExtendsFromCurrentExpiryWhileValid) {
  EXPECT_EQ(RenewedExpiry(kT0 + 7 * kDay, 365, kT0 + 2 * kDay), kT0 + 372 * kDay);
}

TEST(Renewal, ExtendsFromNowWhenAlreadyExpired) {
  EXPECT_EQ(RenewedExpiry(kT0 + 7 * kDay, 30, kT0 + 20 * kDay), kT0 + 50 * kDay);
}

TEST(ExpiryState, GracePeriodIsHalfOpen) {
  const License l = Trial(7);
  EXPECT_EQ(ExpiryStateAt(l, 2, kT0 + 7 * kDay - 1), ExpiryState::kNotExpired);
  EXPECT_EQ(ExpiryStateAt(l, 2, kT0 + 7 * kDay), ExpiryState::kInGrace);
  EXPECT_EQ(ExpiryStateAt(l, 2, kT0 + 9 * kDay - 1), ExpiryState::kInGrace);
  EXPECT_EQ(ExpiryStateAt(l, 2, kT0 + 9 * kDay), ExpiryState::kExpired);
  EXPECT_EQ(ExpiryStateAt(l, 0, kT0 + 7 * kDay), ExpiryState::kExpired);
}

}  // namespace
}  // namespace licensor::core
