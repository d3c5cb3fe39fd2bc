// Grouped counts, each one statement, in one snapshot.
#include "core/dashboard_service.hpp"

#include "common/time_format.hpp"
#include "core/enums.hpp"

namespace licensor::core {

Result<std::map<std::string, std::int64_t>> LicensesByStatus(StoreTx& tx) {
  LICENSOR_ASSIGN_OR_RETURN(const auto counted, tx.CountLicensesByStatus());
  std::map<std::string, std::int64_t> by_status;
  for (const LicenseStatus s : {LicenseStatus::kActive, LicenseStatus::kSuspended,
                                LicenseStatus::kRevoked, LicenseStatus::kExpired}) {
    const auto it = counted.find(std::string(ToString(s)));
    by_status[std::string(ToString(s))] = it == counted.end() ? 0 : it->second;
  }
  return by_status;
}

Result<Overview> DashboardService::Read() {
  const UnixSeconds now = clock_.Now();
  Overview o;
  LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(o.licenses_by_status, LicensesByStatus(tx));
    LicenseFilter expiring;
    expiring.status = LicenseStatus::kActive;
    expiring.expires_by = now + 7 * kSecondsPerDay;
    LICENSOR_ASSIGN_OR_RETURN(o.expiring_within_7_days, tx.CountLicenses(expiring));
    expiring.expires_by = now + 30 * kSecondsPerDay;
    LICENSOR_ASSIGN_OR_RETURN(o.expiring_within_30_days, tx.CountLicenses(expiring));
    LICENSOR_ASSIGN_OR_RETURN(const auto by_state, tx.CountActivationsByState());
    const auto count = [&](const char* state) {
      const auto it = by_state.find(state);
      return it == by_state.end() ? 0 : it->second;
    };
    o.activations_alive = count("ALIVE");
    o.activations_dead = count("DEAD");
    return Status::Ok();
  }));
  return o;
}

}  // namespace licensor::core
