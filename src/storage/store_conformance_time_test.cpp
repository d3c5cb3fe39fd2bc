// The stores' SQL forms of the time rules agree with the rules themselves, at every second
// around their boundaries: the past-expiry list with core::ExpiryStateAt (StandingAt's
// kExpired), and the overdue-heartbeat list with core::IsAlive.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/client_service.hpp"
#include "core/validation.hpp"
#include "core/validity.hpp"
#include "storage/store_conformance_fixture.hpp"

namespace licensor::storage {
namespace {

using namespace core;

class StoreTimeRules : public StoreConformance {
 protected:
  template <typename T>
  std::vector<T> Listed(const std::function<Result<std::vector<T>>(StoreTx&)>& list) {
    std::vector<T> rows;
    const Status s = store_->Read([&](StoreTx& tx) {
      LICENSOR_ASSIGN_OR_RETURN(rows, list(tx));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return rows;
  }
  Policy PolicyOf(const License& l) {
    std::optional<Policy> policy;
    EXPECT_TRUE(store_
                    ->Read([&](StoreTx& tx) {
                      LICENSOR_ASSIGN_OR_RETURN(policy, tx.GetPolicy(l.policy_id));
                      return Status::Ok();
                    })
                    .ok());
    return policy.value_or(Policy{});
  }
};

TEST_F(StoreTimeRules, ThePastExpiryListIsTheExpiredStandingToTheSecond) {
  License license = Issue(1);
  Policy policy = PolicyOf(license);
  policy.expiry_grace_days = 2;
  ASSERT_TRUE(store_->Write([&](StoreTx& tx) { return tx.UpdatePolicy(policy); }).ok());
  const UnixSeconds end = *license.expires_at + 2 * 86400;
  for (UnixSeconds now = end - 3; now <= end + 3; ++now) {
    const auto rows =
        Listed<License>([&](StoreTx& tx) { return tx.ListLicensesPastExpiry(now, 10); });
    const bool listed =
        std::any_of(rows.begin(), rows.end(), [&](const License& l) { return l.id == license.id; });
    EXPECT_EQ(listed,
              ExpiryStateAt(license, policy.expiry_grace_days, now) == ExpiryState::kExpired)
        << "at expiry + grace " << (now - end) << " s";
  }
}

TEST_F(StoreTimeRules, TheOverdueListIsTheDeadByHeartbeatToTheSecond) {
  const License license = Issue(1);  // heartbeats every 60 s
  Policy policy = PolicyOf(license);
  policy.heartbeat_grace_s = 30;
  ASSERT_TRUE(store_->Write([&](StoreTx& tx) { return tx.UpdatePolicy(policy); }).ok());
  ClientService client(*store_, clock_);
  ASSERT_TRUE(client.Activate(ActivateRequest{license.code, "machine", {}, "", ""}).ok());
  const auto activations = Listed<Activation>([&](StoreTx& tx) -> Result<std::vector<Activation>> {
    LICENSOR_ASSIGN_OR_RETURN(auto page, tx.ListActivationPage(license.id, {}, PageRequest{}));
    return page.items;
  });
  ASSERT_EQ(activations.size(), 1u);
  const Activation& activation = activations.front();
  const UnixSeconds boundary = activation.last_seen_at + 60 + 30;
  for (UnixSeconds now = boundary - 3; now <= boundary + 3; ++now) {
    const auto rows =
        Listed<Activation>([&](StoreTx& tx) { return tx.ListOverdueActivations(now, 10); });
    EXPECT_EQ(rows.size() == 1, !IsAlive(activation, policy, now))
        << "at last heartbeat + interval + grace " << (now - boundary) << " s";
  }
}

}  // namespace
}  // namespace licensor::storage
