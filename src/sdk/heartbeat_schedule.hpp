// When the SDK's own thread sends the next heartbeat. A license file must be refreshed by its
// refresh-by time (its issue time plus the heartbeat interval), so the heartbeat that fetches
// the next file goes out a margin before then, never exactly on the interval: a healthy client
// then never reports the server overdue. Times are the SDK's clock (Config::now), in seconds.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>

namespace licensor::sdk {

// A fifth of the interval, from 1 second to 5 minutes: room for a slow answer and a retry.
inline std::int64_t HeartbeatMargin(std::int64_t interval) {
  return std::clamp<std::int64_t>(interval / 5, 1, 300);
}

// An interval after the last heartbeat, but no later than the margin before refresh-by (now,
// when that has passed).
inline std::int64_t NextHeartbeatAt(std::int64_t last, std::int64_t interval,
                                    std::optional<std::int64_t> refresh_by) {
  std::int64_t next = last + interval;
  if (refresh_by) next = std::min(next, *refresh_by - HeartbeatMargin(interval));
  return next;
}

}  // namespace licensor::sdk
