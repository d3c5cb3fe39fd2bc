// When a license may be used, by the clock alone: one rule for the server's validation, the
// license file's check and the SDK's hot Validate(). Inline: the SDK calls it on every check.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include "common/clock.hpp"

namespace licensor {

struct ValidityWindow {
  UnixSeconds not_before = std::numeric_limits<UnixSeconds>::min();
  std::optional<UnixSeconds> expires_at;  // none: perpetual
  std::int64_t expiry_grace_s = 0;        // still usable this long after expires_at
  // Online and hybrid files: the server must be reached by refresh_by, and the file serves
  // offline_grace_s longer without it.
  std::optional<UnixSeconds> refresh_by;
  std::int64_t offline_grace_s = 0;
};

enum class TimeStanding {
  kValid,
  kInExpiryGrace,   // expired, within the expiry grace: still valid
  kInOfflineGrace,  // past refresh-by, within the offline grace: still valid
  kNotYetValid,
  kExpired,          // past expires_at + expiry_grace_s
  kRefreshRequired,  // past refresh_by + offline_grace_s
};

// In this order: not yet valid; expired past its grace; past refresh-by past its grace; in the
// expiry grace; in the offline grace. (Both graces at once read as the expiry grace: renewing
// is what the user must do first.)
inline TimeStanding StandingAt(const ValidityWindow& w, UnixSeconds now) {
  if (now < w.not_before) return TimeStanding::kNotYetValid;
  const bool expired = w.expires_at && now >= *w.expires_at;
  if (expired && now >= *w.expires_at + w.expiry_grace_s) return TimeStanding::kExpired;
  const bool overdue = w.refresh_by && now >= *w.refresh_by;
  if (overdue && now >= *w.refresh_by + w.offline_grace_s) return TimeStanding::kRefreshRequired;
  if (expired) return TimeStanding::kInExpiryGrace;
  if (overdue) return TimeStanding::kInOfflineGrace;
  return TimeStanding::kValid;
}

}  // namespace licensor
