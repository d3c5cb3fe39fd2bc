// How the outboxes (webhook deliveries, e-mail) retry: what one claim takes, how long a claim is
// left to its node, and how long a failed item waits before it is tried again.
#pragma once

#include <algorithm>
#include <cstdint>

namespace licensor::core::outbox {

inline constexpr int kBatchSize = 50;
// How long a claimed item is left to its node before another may send it again: longer than a
// sender's timeout, so an item is sent twice only when a node died while sending it.
inline constexpr std::int64_t kClaimLease = 300;
inline constexpr int kMaxAttempts = 12;  // over about 20 hours
inline constexpr std::int64_t kFirstBackoff = 60;
inline constexpr std::int64_t kMaxBackoff = 6 * 3600;

// Seconds before the next attempt after `attempts` failures: 1 minute, doubling, at most 6 h.
inline std::int64_t Backoff(int attempts) {
  std::int64_t wait = kFirstBackoff;
  for (int i = 1; i < attempts && wait < kMaxBackoff; ++i) wait *= 2;
  return std::min(wait, kMaxBackoff);
}

}  // namespace licensor::core::outbox
