// Heartbeat monitor and expiry marking, in batches so one run never holds the store for long.
#include "core/maintenance_service.hpp"

#include "core/audit.hpp"

namespace licensor::core {
namespace {

constexpr int kBatchSize = 500;
constexpr const char* kSystemActor = "system";

}  // namespace

Result<MaintenanceReport> MaintenanceService::RunOnce() {
  MaintenanceReport report;
  const UnixSeconds now = clock_.Now();
  for (bool more = true; more;) {
    LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
      LICENSOR_ASSIGN_OR_RETURN(const auto overdue, tx.ListOverdueActivations(now, kBatchSize));
      more = static_cast<int>(overdue.size()) == kBatchSize;
      for (Activation a : overdue) {
        LICENSOR_ASSIGN_OR_RETURN(const auto license,
                                  Require(tx.GetLicense(a.license_id), "license"));
        LICENSOR_ASSIGN_OR_RETURN(const auto policy,
                                  Require(tx.GetPolicy(license.policy_id), "policy"));
        const Json before = ToJson(a, true);
        if (policy.dead_activation == DeadActivationAction::kRelease) {
          LICENSOR_RETURN_IF_ERROR(tx.DeleteActivation(a.id));
          LICENSOR_RETURN_IF_ERROR(RecordEvent(tx, now, kSystemActor, "activation.released_dead",
                                               "activation", a.id, before, nullptr));
          ++report.activation_slots_released;
        } else {
          a.state = ActivationState::kDead;
          LICENSOR_RETURN_IF_ERROR(tx.UpdateActivation(a));
          LICENSOR_RETURN_IF_ERROR(RecordEvent(tx, now, kSystemActor, "activation.dead",
                                               "activation", a.id, before, ToJson(a, false)));
        }
        ++report.activations_marked_dead;
      }
      return Status::Ok();
    }));
  }
  for (bool more = true; more;) {
    LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
      LICENSOR_ASSIGN_OR_RETURN(const auto expired, tx.ListLicensesPastExpiry(now, kBatchSize));
      more = static_cast<int>(expired.size()) == kBatchSize;
      for (License l : expired) {
        const Json before = ToJson(l);
        l.status = LicenseStatus::kExpired;
        l.updated_at = now;
        LICENSOR_RETURN_IF_ERROR(tx.UpdateLicense(l));
        LICENSOR_RETURN_IF_ERROR(RecordEvent(tx, now, kSystemActor, "license.expired", "license",
                                             l.id, before, ToJson(l)));
        ++report.licenses_expired;
      }
      return Status::Ok();
    }));
  }
  return report;
}

}  // namespace licensor::core
