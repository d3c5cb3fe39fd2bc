// Validity arithmetic: when a license starts, expires, is renewed, and whether it is in grace.
#pragma once

#include <optional>

#include "core/entities.hpp"

namespace licensor::core {

// The moment validity is counted from, or nullopt while a FROM_FIRST_ACTIVATION license has not
// been activated yet.
std::optional<UnixSeconds> ValidityStart(const License& license);

// Expiry implied by the license's duration and basis; nullopt for perpetual or not yet started.
std::optional<UnixSeconds> ComputeExpiry(const License& license);

// Renewal extends by `duration_days` from the current expiry, or from `now` when the license has
// already expired (so a lapse is not paid for twice).
UnixSeconds RenewedExpiry(std::optional<UnixSeconds> expires_at, std::int64_t duration_days,
                          UnixSeconds now);

enum class ExpiryState { kNotExpired, kInGrace, kExpired };
ExpiryState ExpiryStateAt(const License& license, std::int64_t grace_days, UnixSeconds now);

}  // namespace licensor::core
