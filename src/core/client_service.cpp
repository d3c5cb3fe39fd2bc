// Client use cases: activation, validation, heartbeats, deactivation.
#include "core/client_service.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <map>

#include "common/text.hpp"
#include "core/audit.hpp"
#include "core/validity.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

constexpr const char* kClientActorId = "client";

Status ValidateActivateRequest(const ActivateRequest& r) {
  LICENSOR_RETURN_IF_ERROR(CheckTextLength(r.fingerprint, "fingerprint", 1, 256));
  if (r.components.size() > kMaxComponentsPresented) {
    return Status::InvalidField("components holds at most " +
                                std::to_string(kMaxComponentsPresented) + " entries");
  }
  for (const auto& [name, value] : r.components) {
    if (name.empty() || TextLength(name) > 64 || TextLength(value) > 256) {
      return Status::InvalidField("components: names are 1 to 64 and values up to 256 characters");
    }
  }
  LICENSOR_RETURN_IF_ERROR(CheckTextLength(r.hostname, "hostname", 0, 255));
  return CheckTextLength(r.platform, "platform", 0, 100);
}

Result<License> FindUsableLicense(StoreTx& tx, const std::string& code) {
  LICENSOR_ASSIGN_OR_RETURN(auto license, tx.GetLicenseByCode(code));
  if (!license) return Status(ErrorCode::kLicenseNotFound, "no license has this code");
  return std::move(*license);
}

// How many activations sharing one component value are looked at. A value shared by more (an
// operating system's version, a common CPU model) tells little about which machine this is;
// the components that do identify one (a MAC address, a board serial) are shared by few.
constexpr int kCandidatesPerComponent = 16;

// The activation a machine holds: by exact fingerprint, else by the policy's similarity rule.
struct MachineMatch {
  std::optional<Activation> activation;
  std::optional<SimilarityResult> closest;  // best near miss when nothing matched
};

// A machine the license has no activation for by exact fingerprint: the activation it is by
// the policy's similarity rule (a replaced part), else the closest near miss. Found through the
// store's component index, O(rule components x kCandidatesPerComponent) however many
// activations the license has, so it may run on a network thread; the candidate's row is read
// only when it is the machine.
Result<MachineMatch> FindSimilarMachine(StoreTx& tx, const License& license, const Policy& policy,
                                        const Components& components) {
  MachineMatch match;
  const FingerprintRule& rule = policy.fingerprint_rule;
  if (components.empty() || rule.components.empty()) return match;
  // The components asked, in the rule's order, and each candidate's shared ones as bits of
  // that list, by id.
  std::array<const std::string*, kMaxComponentsPresented> asked{};
  std::size_t asked_count = 0;
  std::map<std::string, std::uint32_t> shared;
  for (const auto& name : rule.components) {
    const auto presented = components.find(name);
    if (presented == components.end() || presented->second.empty()) continue;
    if (asked_count == asked.size()) break;
    const std::uint32_t bit = std::uint32_t{1} << asked_count;
    asked[asked_count++] = &name;
    LICENSOR_ASSIGN_OR_RETURN(const auto ids,
                              tx.FindActivationsWithComponent(license.id, name, presented->second,
                                                              kCandidatesPerComponent));
    for (const auto& id : ids) {
      std::uint32_t& bits = shared[id];
      bits |= bit;
      // The first activation to satisfy the rule is the machine; the rest need not be asked.
      if (IsSameMachine(rule, std::popcount(bits))) {
        LICENSOR_ASSIGN_OR_RETURN(match.activation, tx.GetActivation(id));
        return match;
      }
    }
  }
  // No activation is the machine: the closest is the one sharing the most components (ties:
  // the smallest id, the same answer on every node).
  const auto best =
      std::max_element(shared.begin(), shared.end(), [](const auto& a, const auto& b) {
        return std::popcount(a.second) < std::popcount(b.second);
      });
  if (best == shared.end()) return match;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < asked_count; ++i) {
    if (best->second & (std::uint32_t{1} << i)) names.push_back(*asked[i]);
  }
  match.closest = SimilarityOfShared(rule, names);
  return match;
}

Result<MachineMatch> FindMachine(StoreTx& tx, const License& license, const Policy& policy,
                                 const std::string& fingerprint, const Components& components) {
  LICENSOR_ASSIGN_OR_RETURN(auto exact, tx.FindActivation(license.id, fingerprint));
  if (exact) return MachineMatch{std::move(exact), std::nullopt};
  return FindSimilarMachine(tx, license, policy, components);
}

}  // namespace

Result<ActivateResult> ClientService::Activate(const ActivateRequest& req) {
  const Actor client(kClientActorId, req.address);
  LICENSOR_RETURN_IF_ERROR(ValidateActivateRequest(req));
  ActivateResult result;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    const UnixSeconds now = clock_.Now();
    LICENSOR_ASSIGN_OR_RETURN(result.license, FindUsableLicense(tx, req.code));
    License& license = result.license;
    if (!req.product_id.empty() && req.product_id != license.product_id) {
      // Refused before any slot is taken: a code for a cheaper product never unlocks this one.
      return Status(ErrorCode::kWrongProduct, "the license code is for another product");
    }
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
        LICENSOR_RETURN_IF_ERROR(RecordEvent(tx, now, client, "activation.fingerprint_changed",
                                             "activation", a.id, before, ToJson(a, true)));
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
    return RecordEvent(tx, now, client, "activation.created", "activation", a.id, nullptr,
                       ToJson(a, true));
  }));
  return result;
}

Result<ValidateResult> ClientService::Validate(const ValidateRequest& req, bool may_wait) {
  ValidateResult result;
  const auto validate = [&](StoreTx& tx) -> Status {
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
    input.license = view->license.get();
    input.policy = view->policy.get();
    MachineMatch match;
    match.activation = view->activation;
    if (!match.activation && req.fingerprint) {
      // Not known exactly (the view says so): a machine with a replaced part may still match.
      LICENSOR_ASSIGN_OR_RETURN(
          match, FindSimilarMachine(tx, *view->license, *view->policy, req.components));
    }
    input.activation = match.activation ? &*match.activation : nullptr;
    input.closest = match.closest;
    result.verdict = Evaluate(input);
    return Status::Ok();
  };
  LICENSOR_RETURN_IF_ERROR(may_wait ? store_.Read(validate) : store_.ReadWithoutWaiting(validate));
  return result;
}

Result<HeartbeatResult> ClientService::Heartbeat(const std::string& code,
                                                 const std::string& fingerprint,
                                                 const std::string& address) {
  const Actor client(kClientActorId, address);
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
      LICENSOR_RETURN_IF_ERROR(RecordEvent(tx, now, client, "activation.revived", "activation",
                                           activation->id, nullptr, ToJson(*activation, true)));
    }
    result.update_available = result.license.version > activation->fetched_version;
    result.next_heartbeat_in = policy.heartbeat_interval_s;
    return Status::Ok();
  }));
  return result;
}

Status ClientService::Deactivate(const std::string& code, const std::string& fingerprint,
                                 const std::string& address) {
  const Actor client(kClientActorId, address);
  return store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(const License license, FindUsableLicense(tx, code));
    LICENSOR_ASSIGN_OR_RETURN(const auto activation, tx.FindActivation(license.id, fingerprint));
    if (!activation) {
      return Status(ErrorCode::kNotActivated, "this machine is not activated with this license");
    }
    LICENSOR_RETURN_IF_ERROR(tx.DeleteActivation(activation->id));
    return RecordEvent(tx, clock_.Now(), client, "activation.deactivated", "activation",
                       activation->id, ToJson(*activation, true), nullptr);
  });
}

}  // namespace licensor::core
