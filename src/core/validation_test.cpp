#include "core/validation.hpp"

#include <gtest/gtest.h>

namespace licensor::core {
namespace {

constexpr UnixSeconds kT0 = 1798761600;

struct Fixture {
  License license;
  Policy policy;
  Activation activation;
  Fixture() {
    license.created_at = kT0;
    license.expires_at = kT0 + 7 * 86400;
    license.features = {"core", "reports"};
    policy.heartbeat_interval_s = 3600;
    policy.heartbeat_grace_s = 60;
    activation.last_seen_at = kT0;
  }
  ValidationInput Input(UnixSeconds now, bool with_machine = true) {
    ValidationInput in;
    in.license = &license;
    in.policy = &policy;
    in.fingerprint_given = with_machine;
    in.activation = with_machine ? &activation : nullptr;
    in.now = now;
    return in;
  }
};

TEST(Validation, ValidWhenEverythingHolds) {
  Fixture f;
  const Verdict v = Evaluate(f.Input(kT0 + 100));
  EXPECT_TRUE(v.valid);
  EXPECT_EQ(v.code, ValidationCode::kValid);
}

TEST(Validation, UnknownCodeIsNotFound) {
  EXPECT_EQ(Evaluate(ValidationInput{}).code, ValidationCode::kNotFound);
}

TEST(Validation, RevokedOutranksSuspendedAndExpired) {
  Fixture f;
  f.license.status = LicenseStatus::kRevoked;
  EXPECT_EQ(Evaluate(f.Input(kT0 + 100 * 86400)).code, ValidationCode::kRevoked);
  f.license.status = LicenseStatus::kSuspended;
  EXPECT_EQ(Evaluate(f.Input(kT0 + 100 * 86400)).code, ValidationCode::kSuspended);
}

TEST(Validation, ExpiredTellsTheUserToRenew) {
  Fixture f;
  const Verdict v = Evaluate(f.Input(kT0 + 7 * 86400));
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.code, ValidationCode::kExpired);
  EXPECT_NE(v.detail.find("Renew"), std::string::npos);
}

TEST(Validation, InGracePeriodIsStillValid) {
  Fixture f;
  f.policy.expiry_grace_days = 5;
  f.policy.heartbeat_interval_s.reset();
  const Verdict v = Evaluate(f.Input(kT0 + 8 * 86400));
  EXPECT_TRUE(v.valid);
  EXPECT_EQ(v.code, ValidationCode::kInGracePeriod);
}

TEST(Validation, UnknownMachineIsNotActivated) {
  Fixture f;
  ValidationInput in = f.Input(kT0, false);
  in.fingerprint_given = true;
  EXPECT_EQ(Evaluate(in).code, ValidationCode::kNotActivated);
  in.closest = SimilarityResult{false, 1, {"cpu", "disk"}};
  EXPECT_EQ(Evaluate(in).code, ValidationCode::kFingerprintMismatch);
}

TEST(Validation, OverdueHeartbeatIsDead) {
  Fixture f;
  EXPECT_EQ(Evaluate(f.Input(kT0 + 3660)).code, ValidationCode::kValid);
  EXPECT_EQ(Evaluate(f.Input(kT0 + 3661)).code, ValidationCode::kHeartbeatDead);
  f.activation.state = ActivationState::kDead;
  EXPECT_EQ(Evaluate(f.Input(kT0 + 1)).code, ValidationCode::kHeartbeatDead);
}

TEST(Validation, MissingFeaturesAreListed) {
  Fixture f;
  ValidationInput in = f.Input(kT0);
  in.required_features = {"core", "sso", "audit"};
  const Verdict v = Evaluate(in);
  EXPECT_EQ(v.code, ValidationCode::kFeatureMissing);
  EXPECT_EQ(v.missing_features, (std::vector<std::string>{"sso", "audit"}));
}

}  // namespace
}  // namespace licensor::core
