// Loading a validation view from any store's reads; backends add caching around it.
#pragma once

#include "core/store.hpp"

namespace licensor::storage {

// The license with `code`, its policy, and the activation holding `fingerprint` (if given);
// null when no license has the code.
inline Result<std::shared_ptr<core::ValidationView>> LoadValidationView(
    core::StoreTx& tx, const std::string& code, const std::optional<std::string>& fingerprint) {
  LICENSOR_ASSIGN_OR_RETURN(auto license, tx.GetLicenseByCode(code));
  if (!license) return std::shared_ptr<core::ValidationView>();
  auto view = std::make_shared<core::ValidationView>();
  LICENSOR_ASSIGN_OR_RETURN(auto policy, core::Require(tx.GetPolicy(license->policy_id), "policy"));
  view->policy = std::make_shared<const core::Policy>(std::move(policy));
  if (fingerprint) {
    LICENSOR_ASSIGN_OR_RETURN(view->activation, tx.FindActivation(license->id, *fingerprint));
  }
  view->license = std::make_shared<const core::License>(std::move(*license));
  return view;
}

}  // namespace licensor::storage
