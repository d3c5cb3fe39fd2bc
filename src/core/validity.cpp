// Validity arithmetic over Unix seconds.
#include "core/validity.hpp"

#include <algorithm>

#include "common/time_format.hpp"
#include "common/validity_window.hpp"

namespace licensor::core {

std::optional<UnixSeconds> ValidityStart(const License& license) {
  if (license.validity_basis == ValidityBasis::kFromCreation) return license.created_at;
  return license.first_activated_at;
}

std::optional<UnixSeconds> ComputeExpiry(const License& license) {
  if (!license.duration_days) return std::nullopt;
  const auto start = ValidityStart(license);
  if (!start) return std::nullopt;
  return *start + *license.duration_days * kSecondsPerDay;
}

UnixSeconds RenewedExpiry(std::optional<UnixSeconds> expires_at, std::int64_t duration_days,
                          UnixSeconds now) {
  const UnixSeconds from = expires_at ? std::max(*expires_at, now) : now;
  return from + duration_days * kSecondsPerDay;
}

ExpiryState ExpiryStateAt(const License& license, std::int64_t grace_days, UnixSeconds now) {
  ValidityWindow window;
  window.expires_at = license.expires_at;
  window.expiry_grace_s = grace_days * kSecondsPerDay;
  switch (StandingAt(window, now)) {
    case TimeStanding::kInExpiryGrace:
      return ExpiryState::kInGrace;
    case TimeStanding::kExpired:
      return ExpiryState::kExpired;
    default:  // the window has no start and no refresh-by
      return ExpiryState::kNotExpired;
  }
}

}  // namespace licensor::core
