// Loading a validation view from any store's reads, through the backend's validation cache.
#pragma once

#include "core/store.hpp"
#include "storage/validation_cache.hpp"

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

// The view from `cache` when it holds it; else read (only the activation, when the cache holds
// the license and its policy) and kept in `cache` unless an invalidation came after
// `read_generation` (see ValidationCache). Without a cache, simply read.
inline Result<std::shared_ptr<const core::ValidationView>> CachedValidationView(
    core::StoreTx& tx, ValidationCache* cache, std::uint64_t read_generation,
    const std::string& code, const std::optional<std::string>& fingerprint) {
  if (cache) {
    if (auto hit = cache->Find(code, fingerprint)) return hit;
  }
  std::shared_ptr<core::ValidationView> view;
  if (const auto known = cache && fingerprint ? cache->FindLicense(code) : std::nullopt) {
    // A machine not seen before, of a license in the cache: only its activation is read.
    view = std::make_shared<core::ValidationView>();
    view->license = known->license;
    view->policy = known->policy;
    LICENSOR_ASSIGN_OR_RETURN(view->activation, tx.FindActivation(view->license->id, *fingerprint));
  } else {
    LICENSOR_ASSIGN_OR_RETURN(view, LoadValidationView(tx, code, fingerprint));
  }
  if (cache) cache->Insert(code, fingerprint, view, read_generation);
  return std::shared_ptr<const core::ValidationView>(std::move(view));
}

}  // namespace licensor::storage
