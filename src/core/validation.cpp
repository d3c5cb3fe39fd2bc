// Validation verdict, checked in a fixed order so the most important reason is reported first.
#include "core/validation.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "common/time_format.hpp"
#include "core/validity.hpp"

namespace licensor::core {

std::optional<UnixSeconds> AliveSince(const Policy& policy, UnixSeconds now) {
  if (!policy.heartbeat_interval_s) return std::nullopt;
  return now - *policy.heartbeat_interval_s - policy.heartbeat_grace_s;
}

bool IsAlive(const Activation& activation, const Policy& policy, UnixSeconds now) {
  if (activation.state == ActivationState::kDead) return false;
  const auto since = AliveSince(policy, now);
  return !since || activation.last_seen_at >= *since;
}

namespace {

Verdict Invalid(ValidationCode code, std::string detail) {
  return Verdict{false, code, std::move(detail), {}};
}

}  // namespace

Verdict Evaluate(const ValidationInput& in) {
  if (!in.license || !in.policy) {
    return Invalid(ValidationCode::kNotFound,
                   "No license has this code. Check the code you entered.");
  }
  const License& license = *in.license;
  if (license.status == LicenseStatus::kRevoked) {
    return Invalid(ValidationCode::kRevoked, "This license has been revoked by the vendor.");
  }
  if (license.status == LicenseStatus::kSuspended) {
    return Invalid(ValidationCode::kSuspended,
                   "This license is suspended. Contact the vendor to reinstate it.");
  }
  const ExpiryState expiry = ExpiryStateAt(license, in.policy->expiry_grace_days, in.now);
  if (expiry == ExpiryState::kExpired ||
      (license.status == LicenseStatus::kExpired && expiry != ExpiryState::kInGrace)) {
    return Invalid(ValidationCode::kExpired,
                   "This license expired" +
                       (license.expires_at ? " on " + FormatRfc3339(*license.expires_at) : "") +
                       ". Renew it to continue: contact the vendor or your license administrator.");
  }
  if (in.fingerprint_given) {
    if (!in.activation) {
      if (in.closest) {
        return Invalid(ValidationCode::kFingerprintMismatch,
                       "This machine's fingerprint differs from the activated one in: " +
                           Join(in.closest->differing) + ".");
      }
      return Invalid(ValidationCode::kNotActivated,
                     "This machine has not been activated with this license.");
    }
    if (!IsAlive(*in.activation, *in.policy, in.now)) {
      return Invalid(ValidationCode::kHeartbeatDead,
                     "This machine stopped sending heartbeats; activate it again.");
    }
  }
  Verdict verdict;
  for (const auto& feature : in.required_features) {
    if (std::find(license.features.begin(), license.features.end(), feature) ==
        license.features.end()) {
      verdict.missing_features.push_back(feature);
    }
  }
  if (!verdict.missing_features.empty()) {
    verdict.code = ValidationCode::kFeatureMissing;
    verdict.detail = "The license does not include: " + Join(verdict.missing_features) + ".";
    return verdict;
  }
  verdict.valid = true;
  if (expiry == ExpiryState::kInGrace) {
    verdict.code = ValidationCode::kInGracePeriod;
    verdict.detail =
        "This license has expired and runs in its grace period until " +
        FormatRfc3339(*license.expires_at + in.policy->expiry_grace_days * kSecondsPerDay) +
        ". Renew it soon.";
  } else {
    verdict.code = ValidationCode::kValid;
    verdict.detail = "The license is valid.";
  }
  return verdict;
}

}  // namespace licensor::core
