// License use cases. A change that an activated machine should learn about bumps `version`.
#include "core/license_service.hpp"

#include "common/license_terms.hpp"
#include "core/audit.hpp"
#include "core/license_actions.hpp"
#include "core/validation.hpp"
#include "core/validity.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

constexpr int kMaxCodeAttempts = 5;

Status ValidateTerms(const License& l) {
  if (l.max_activations < 1 || l.max_activations > kMaxActivations) {
    return Status::InvalidField("max_activations must be 1 to " + std::to_string(kMaxActivations));
  }
  if (l.duration_days && (*l.duration_days < 1 || *l.duration_days > kMaxDurationDays)) {
    return Status::InvalidField("duration_days must be 1 to " + std::to_string(kMaxDurationDays) +
                                ", or null for perpetual");
  }
  if (l.features.size() > kMaxFeatures) {
    return Status::InvalidField("features holds at most " + std::to_string(kMaxFeatures) +
                                " codes");
  }
  return Status::Ok();
}

// The license takes `policy`'s terms: its validity, cap and features. On a move to another
// policy (a trial converted to a paid one) validity counts from the license's same start, so the
// trial's days count towards the paid period.
void AdoptPolicyTerms(const Policy& policy, License& l) {
  l.policy_id = policy.id;
  l.duration_days = policy.duration_days;
  l.validity_basis = policy.validity_basis;
  l.expires_at = ComputeExpiry(l);
  l.max_activations = policy.max_activations;
  l.features = policy.features;
}

}  // namespace

Result<License> LicenseService::Issue(const Actor& actor, const IssueLicenseRequest& req) {
  License l;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) {
    LICENSOR_ASSIGN_OR_RETURN(const auto policy, tx.GetPolicy(req.policy_id));
    if (!policy) return Status::InvalidField("policy_id does not name an existing policy");
    LICENSOR_ASSIGN_OR_RETURN(const auto customer, tx.GetCustomer(req.customer_id));
    if (!customer) return Status::InvalidField("customer_id does not name an existing customer");
    l.id = crypto::NewId("lic");
    l.product_id = policy->product_id;
    l.customer_id = customer->id;
    l.created_at = l.updated_at = clock_.Now();
    AdoptPolicyTerms(*policy, l);
    if (req.max_activations) l.max_activations = *req.max_activations;
    if (req.features) l.features = *req.features;
    if (req.expires_at) l.expires_at = *req.expires_at;
    LICENSOR_RETURN_IF_ERROR(ValidateTerms(l));
    // Codes carry ~92 bits of entropy, so a collision is practically impossible; the unique
    // index still guarantees a code is never reused.
    for (int attempt = 0;; ++attempt) {
      l.code = crypto::NewLicenseCode();
      const Status inserted = tx.InsertLicense(l);
      if (inserted.ok()) break;
      if (inserted.code() != ErrorCode::kConflict || attempt + 1 == kMaxCodeAttempts) {
        return inserted;
      }
    }
    return RecordEvent(tx, l.created_at, actor, "license.issued", "license", l.id, nullptr,
                       ToJson(l));
  }));
  return l;
}

Result<License> LicenseService::Get(const std::string& id) {
  return ReadValue<License>(store_,
                            [&](StoreTx& tx) { return Require(tx.GetLicense(id), "license"); });
}

Result<Page<ActivationView>> LicenseService::ListActivations(const std::string& license_id,
                                                             ActivationFilter filter,
                                                             const PageRequest& page) {
  Page<ActivationView> out;
  LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(const License license, Require(tx.GetLicense(license_id), "license"));
    LICENSOR_ASSIGN_OR_RETURN(const Policy policy,
                              Require(tx.GetPolicy(license.policy_id), "policy"));
    const UnixSeconds now = clock_.Now();
    filter.alive_since = AliveSince(policy, now);
    LICENSOR_ASSIGN_OR_RETURN(auto activations, tx.ListActivationPage(license_id, filter, page));
    out.items.clear();
    for (auto& a : activations.items) {
      const bool alive = IsAlive(a, policy, now);
      out.items.push_back(ActivationView{std::move(a), alive});
    }
    out.next_after_seq = activations.next_after_seq;
    return Status::Ok();
  }));
  return out;
}

Result<Page<License>> LicenseService::List(const LicenseFilter& filter, const PageRequest& page) {
  return ReadValue<Page<License>>(store_,
                                  [&](StoreTx& tx) { return tx.ListLicenses(filter, page); });
}

Result<License> LicenseService::Update(const Actor& actor, const std::string& id,
                                       const LicenseChanges& changes) {
  License l;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) {
    LICENSOR_ASSIGN_OR_RETURN(l, Require(tx.GetLicense(id), "license"));
    const Json before = ToJson(l);
    if (changes.policy_id && *changes.policy_id != l.policy_id) {
      LICENSOR_ASSIGN_OR_RETURN(const auto policy, tx.GetPolicy(*changes.policy_id));
      if (!policy) return Status::InvalidField("policy_id does not name an existing policy");
      if (policy->product_id != l.product_id) {
        return Status::InvalidField("policy_id names a policy of another product");
      }
      AdoptPolicyTerms(*policy, l);
    }
    if (changes.duration_days) {
      l.duration_days = *changes.duration_days;
      l.expires_at = ComputeExpiry(l);
    }
    if (changes.expires_at) l.expires_at = *changes.expires_at;
    if (changes.max_activations) l.max_activations = *changes.max_activations;
    if (changes.features) l.features = *changes.features;
    LICENSOR_RETURN_IF_ERROR(ValidateTerms(l));
    const UnixSeconds now = clock_.Now();
    // A lapsed license whose new expiry is in the future is usable again.
    if (l.status == LicenseStatus::kExpired && (!l.expires_at || *l.expires_at > now)) {
      l.status = LicenseStatus::kActive;
    }
    ++l.version;
    l.updated_at = now;
    LICENSOR_RETURN_IF_ERROR(tx.UpdateLicense(l));
    LICENSOR_ASSIGN_OR_RETURN(l, Require(tx.GetLicense(id), "license"));  // derived fields
    return RecordEvent(tx, now, actor, "license.updated", "license", id, before, ToJson(l));
  }));
  return l;
}

Result<License> LicenseService::Act(const Actor& actor, const std::string& id,
                                    LicenseAction action) {
  License l;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) {
    LICENSOR_ASSIGN_OR_RETURN(l, Require(tx.GetLicense(id), "license"));
    const Json before = ToJson(l);
    const UnixSeconds now = clock_.Now();
    LICENSOR_RETURN_IF_ERROR(CheckLicenseAction(l, action));
    std::string name;
    switch (action) {
      case LicenseAction::kSuspend:
        l.status = LicenseStatus::kSuspended;
        name = "license.suspended";
        break;
      case LicenseAction::kReinstate:
        l.status = LicenseStatus::kActive;
        name = "license.reinstated";
        break;
      case LicenseAction::kRevoke:
        l.status = LicenseStatus::kRevoked;
        name = "license.revoked";
        break;
      case LicenseAction::kRenew:
        l.expires_at = RenewedExpiry(l.expires_at, *l.duration_days, now);
        if (l.status == LicenseStatus::kExpired) l.status = LicenseStatus::kActive;
        name = "license.renewed";
        break;
    }
    ++l.version;
    l.updated_at = now;
    LICENSOR_RETURN_IF_ERROR(tx.UpdateLicense(l));
    LICENSOR_ASSIGN_OR_RETURN(l, Require(tx.GetLicense(id), "license"));
    return RecordEvent(tx, now, actor, name, "license", id, before, ToJson(l));
  }));
  return l;
}

Status LicenseService::Delete(const Actor& actor, const std::string& id) {
  return store_.Write([&](StoreTx& tx) {
    LICENSOR_ASSIGN_OR_RETURN(const License l, Require(tx.GetLicense(id), "license"));
    if (l.activations_count > 0) {
      return Status::Conflict("the license has activations; release them or revoke the license");
    }
    LICENSOR_RETURN_IF_ERROR(tx.DeleteLicense(id));
    return RecordEvent(tx, clock_.Now(), actor, "license.deleted", "license", id, ToJson(l),
                       nullptr);
  });
}

Status LicenseService::ReleaseActivation(const Actor& actor, const std::string& id) {
  return store_.Write([&](StoreTx& tx) {
    LICENSOR_ASSIGN_OR_RETURN(const Activation a, Require(tx.GetActivation(id), "activation"));
    LICENSOR_RETURN_IF_ERROR(tx.DeleteActivation(id));
    return RecordEvent(tx, clock_.Now(), actor, "activation.released", "activation", id,
                       ToJson(a, a.state == ActivationState::kAlive), nullptr);
  });
}

}  // namespace licensor::core
