// Client use cases: activation, validation, heartbeats, deactivation.
#include "core/client_service.hpp"

#include "core/audit.hpp"
#include "core/validity.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

constexpr const char* kClientActor = "client";

Status ValidateActivateRequest(const ActivateRequest& r) {
  if (r.fingerprint.empty() || r.fingerprint.size() > 256) {
    return Status::InvalidField("fingerprint must be 1 to 256 characters");
  }
  if (r.components.size() > 16) return Status::InvalidField("components holds at most 16 entries");
  for (const auto& [name, value] : r.components) {
    if (name.empty() || name.size() > 64 || value.size() > 256) {
      return Status::InvalidField("components: names are 1 to 64 and values up to 256 characters");
    }
  }
  if (r.hostname.size() > 255)
    return Status::InvalidField("hostname must be at most 255 characters");
  if (r.platform.size() > 100)
    return Status::InvalidField("platform must be at most 100 characters");
  return Status::Ok();
}

Result<License> FindUsableLicense(StoreTx& tx, const std::string& code) {
  LICENSOR_ASSIGN_OR_RETURN(auto license, tx.GetLicenseByCode(code));
  if (!license) return Status(ErrorCode::kLicenseNotFound, "no license has this code");
  return std::move(*license);
}

// The activation a machine holds: by exact fingerprint, else by the policy's similarity rule.
struct MachineMatch {
  std::optional<Activation> activation;
  std::optional<SimilarityResult> closest;  // best near miss when nothing matched
};

Result<MachineMatch> FindMachine(StoreTx& tx, const License& license, const Policy& policy,
                                 const std::string& fingerprint, const Components& components) {
  MachineMatch match;
  LICENSOR_ASSIGN_OR_RETURN(match.activation, tx.FindActivation(license.id, fingerprint));
  if (match.activation || components.empty() || policy.fingerprint_rule.components.empty()) {
    return match;
  }
  LICENSOR_ASSIGN_OR_RETURN(auto activations, tx.ListActivations(license.id));
  for (auto& a : activations) {
    SimilarityResult similarity =
        CompareComponents(policy.fingerprint_rule, a.components, components);
    if (similarity.same_machine) {
      match.activation = std::move(a);
      match.closest.reset();
      return match;
    }
    if (similarity.matching > 0 &&
        (!match.closest || similarity.matching > match.closest->matching)) {
      match.closest = std::move(similarity);
    }
  }
  return match;
}

}  // namespace

Result<ActivateResult> ClientService::Activate(const ActivateRequest& req) {
  LICENSOR_RETURN_IF_ERROR(ValidateActivateRequest(req));
  ActivateResult result;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    const UnixSeconds now = clock_.Now();
    LICENSOR_ASSIGN_OR_RETURN(result.license, FindUsableLicense(tx, req.code));
    License& license = result.license;
    LICENSOR_ASSIGN_OR_RETURN(const Policy policy,
                              Require(tx.GetPolicy(license.policy_id), "policy"));
    if (license.status == LicenseStatus::kSuspended || license.status == LicenseStatus::kRevoked) {
      return Status(ErrorCode::kLicenseNotActive,
                    "the license is " + std::string(ToString(license.status)));
    }
    if (license.status == LicenseStatus::kExpired ||
        ExpiryStateAt(license, policy.expiry_grace_days, now) == ExpiryState::kExpired) {
      return Status(ErrorCode::kLicenseNotActive, "the license has expired; renew it to activate");
    }
    LICENSOR_ASSIGN_OR_RETURN(auto match,
                              FindMachine(tx, license, policy, req.fingerprint, req.components));
    if (match.activation) {
      // A known machine (perhaps with a replaced part): refresh it, use no new slot.
      Activation& a = *match.activation;
      const Json before = ToJson(a, a.state == ActivationState::kAlive);
      const bool fingerprint_changed = a.fingerprint != req.fingerprint;
      a.fingerprint = req.fingerprint;
      if (!req.components.empty()) a.components = req.components;
      if (!req.hostname.empty()) a.hostname = req.hostname;
      if (!req.platform.empty()) a.platform = req.platform;
      a.state = ActivationState::kAlive;
      a.last_seen_at = now;
      a.fetched_version = license.version;
      a.offline = req.offline;  // the latest way the machine was activated
      LICENSOR_RETURN_IF_ERROR(tx.UpdateActivation(a));
      if (fingerprint_changed) {
        LICENSOR_RETURN_IF_ERROR(RecordEvent(tx, now, kClientActor,
                                             "activation.fingerprint_changed", "activation", a.id,
                                             before, ToJson(a, true)));
      }
      result.activation = std::move(a);
      LICENSOR_ASSIGN_OR_RETURN(license, Require(tx.GetLicense(license.id), "license"));
      return Status::Ok();
    }
    if (license.activations_count >= license.max_activations) {
      return Status(ErrorCode::kActivationLimitReached,
                    "all " + std::to_string(license.max_activations) +
                        " activations of this license are in use");
    }
    Activation& a = result.activation;
    a.id = crypto::NewId("act");
    a.license_id = license.id;
    a.fingerprint = req.fingerprint;
    a.components = req.components;
    a.hostname = req.hostname;
    a.platform = req.platform;
    a.activated_at = a.last_seen_at = now;
    a.offline = req.offline;
    if (!license.first_activated_at) {
      license.first_activated_at = now;
      if (license.validity_basis == ValidityBasis::kFromFirstActivation) {
        license.expires_at = ComputeExpiry(license);
      }
      LICENSOR_RETURN_IF_ERROR(tx.UpdateLicense(license));
    }
    a.fetched_version = license.version;
    LICENSOR_RETURN_IF_ERROR(tx.InsertActivation(a));
    result.created = true;
    LICENSOR_ASSIGN_OR_RETURN(license, Require(tx.GetLicense(license.id), "license"));
    return RecordEvent(tx, now, kClientActor, "activation.created", "activation", a.id, nullptr,
                       ToJson(a, true));
  }));
  return result;
}

Result<ValidateResult> ClientService::Validate(const ValidateRequest& req) {
  ValidateResult result;
  LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    ValidationInput input;
    input.now = clock_.Now();
    input.required_features = req.features;
    input.fingerprint_given = req.fingerprint.has_value();
    LICENSOR_ASSIGN_OR_RETURN(result.view, tx.GetValidationView(req.code, req.fingerprint));
    const auto& view = result.view;
    if (!view) {
      result.verdict = Evaluate(input);
      return Status::Ok();
    }
    input.license = &view->license;
    input.policy = &view->policy;
    MachineMatch match;
    match.activation = view->activation;
    if (!match.activation && req.fingerprint && !req.components.empty()) {
      // Not known exactly: a machine with a replaced part may still match by components.
      LICENSOR_ASSIGN_OR_RETURN(
          match, FindMachine(tx, view->license, view->policy, *req.fingerprint, req.components));
    }
    input.activation = match.activation ? &*match.activation : nullptr;
    input.closest = match.closest;
    result.verdict = Evaluate(input);
    return Status::Ok();
  }));
  return result;
}

Result<HeartbeatResult> ClientService::Heartbeat(const std::string& code,
                                                 const std::string& fingerprint) {
  HeartbeatResult result;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    const UnixSeconds now = clock_.Now();
    LICENSOR_ASSIGN_OR_RETURN(result.license, FindUsableLicense(tx, code));
    LICENSOR_ASSIGN_OR_RETURN(const Policy policy,
                              Require(tx.GetPolicy(result.license.policy_id), "policy"));
    LICENSOR_ASSIGN_OR_RETURN(auto activation, tx.FindActivation(result.license.id, fingerprint));
    if (!activation) {
      return Status(ErrorCode::kNotActivated, "this machine is not activated with this license");
    }
    const bool revived = activation->state == ActivationState::kDead;
    activation->state = ActivationState::kAlive;
    activation->last_seen_at = now;
    LICENSOR_RETURN_IF_ERROR(tx.UpdateActivation(*activation));
    if (revived) {
      LICENSOR_RETURN_IF_ERROR(RecordEvent(tx, now, kClientActor, "activation.revived",
                                           "activation", activation->id, nullptr,
                                           ToJson(*activation, true)));
    }
    result.update_available = result.license.version > activation->fetched_version;
    result.next_heartbeat_in = policy.heartbeat_interval_s;
    return Status::Ok();
  }));
  return result;
}

Status ClientService::Deactivate(const std::string& code, const std::string& fingerprint) {
  return store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(const License license, FindUsableLicense(tx, code));
    LICENSOR_ASSIGN_OR_RETURN(const auto activation, tx.FindActivation(license.id, fingerprint));
    if (!activation) {
      return Status(ErrorCode::kNotActivated, "this machine is not activated with this license");
    }
    LICENSOR_RETURN_IF_ERROR(tx.DeleteActivation(activation->id));
    return RecordEvent(tx, clock_.Now(), kClientActor, "activation.deactivated", "activation",
                       activation->id, ToJson(*activation, true), nullptr);
  });
}

}  // namespace licensor::core
