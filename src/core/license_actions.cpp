#include "core/license_actions.hpp"

namespace licensor::core {

Status CheckLicenseAction(const License& license, LicenseAction action) {
  switch (action) {
    case LicenseAction::kSuspend:
      if (license.status != LicenseStatus::kActive) {
        return Status::Conflict("only an ACTIVE license can be suspended");
      }
      return Status::Ok();
    case LicenseAction::kReinstate:
      if (license.status != LicenseStatus::kSuspended) {
        return Status::Conflict("only a SUSPENDED license can be reinstated");
      }
      return Status::Ok();
    case LicenseAction::kRevoke:
      if (license.status == LicenseStatus::kRevoked) return Status::Conflict("already revoked");
      return Status::Ok();
    case LicenseAction::kRenew:
      if (license.status == LicenseStatus::kRevoked) {
        return Status::Conflict("a revoked license cannot be renewed");
      }
      if (!license.duration_days) return Status::Conflict("a perpetual license needs no renewal");
      return Status::Ok();
  }
  return Status::Conflict("no such action");
}

std::vector<std::string_view> AllowedLicenseActions(const License& license) {
  std::vector<std::string_view> allowed;
  for (const auto name : NamesOf<LicenseAction>()) {
    if (CheckLicenseAction(license, *ParseLicenseAction(name)).ok()) allowed.push_back(name);
  }
  return allowed;
}

}  // namespace licensor::core
