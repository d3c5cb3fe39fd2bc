// Licenses: issuing, changing, lifecycle actions, and releasing activations.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/store.hpp"

namespace licensor::core {

struct IssueLicenseRequest {
  std::string policy_id;
  std::string customer_id;
  // Overrides of the policy's terms; unset fields take the policy's values.
  std::optional<std::optional<UnixSeconds>> expires_at;
  std::optional<int> max_activations;
  std::optional<std::vector<std::string>> features;
};

// A PATCH: each set field replaces the license's value. Setting `duration_days` recomputes the
// expiry from the validity start unless `expires_at` is set too.
struct LicenseChanges {
  // Another policy of the license's product (a trial converted to a paid one): its terms
  // (validity, cap, features) replace the license's, except those this change also sets.
  std::optional<std::string> policy_id;
  std::optional<std::optional<std::int64_t>> duration_days;
  std::optional<std::optional<UnixSeconds>> expires_at;
  std::optional<int> max_activations;
  std::optional<std::vector<std::string>> features;
};

// An activation as the API shows it: with whether it is alive at read time.
struct ActivationView {
  Activation activation;
  bool alive = false;
};

class LicenseService {
 public:
  LicenseService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  Result<License> Issue(const Actor& actor, const IssueLicenseRequest& request);
  Result<License> Get(const std::string& id);
  // A page of the license's activations, filtered; kNotFound when there is no such license.
  Result<Page<ActivationView>> ListActivations(const std::string& license_id,
                                               ActivationFilter filter, const PageRequest& page);
  Result<Page<License>> List(const LicenseFilter& filter, const PageRequest& page);
  Result<License> Update(const Actor& actor, const std::string& id, const LicenseChanges& changes);
  Result<License> Act(const Actor& actor, const std::string& id, LicenseAction action);
  // Only licenses without activations can be deleted; revoke the others.
  Status Delete(const Actor& actor, const std::string& id);
  Status ReleaseActivation(const Actor& actor, const std::string& activation_id);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace licensor::core
