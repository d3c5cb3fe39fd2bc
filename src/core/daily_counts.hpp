// The dashboard's per-day counts of client activations and validations by result. They are
// counted in memory on the request path (one short lock, no store access, so validate stays as
// fast as it was) and written every few seconds as increments, so that the counts of every node
// of a deployment add up in the store, and survive a restart.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "common/clock.hpp"
#include "common/time_format.hpp"
#include "core/store.hpp"

namespace licensor::core {

inline constexpr std::string_view kActivationCount = "activation";
inline constexpr std::string_view kValidationCount = "validation";

// Days since 1970-01-01 UTC of a time.
inline std::int64_t DayOf(UnixSeconds t) {
  return (t >= 0 ? t : t - (kSecondsPerDay - 1)) / kSecondsPerDay;
}

class DailyCounts {
 public:
  DailyCounts(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // One activation or validation (`kind`) with `result` (VALID, CREATED, a refusal's code).
  void Count(std::string_view kind, std::string_view result);
  // Adds what was counted since the last flush to the store; kept for the next one on failure.
  Status Flush();
  // The counts of the days from `from_day` to `to_day`: the store's, plus what this node has
  // not written yet.
  Result<std::vector<DailyCount>> Range(std::int64_t from_day, std::int64_t to_day);

 private:
  using Key = std::tuple<std::int64_t, std::string, std::string>;  // day, kind, result
  // Distinct results per kind and day are few (the codes); this bounds the map all the same.
  static constexpr std::size_t kMaxPending = 4096;

  Store& store_;
  const Clock& clock_;
  std::mutex mutex_;
  std::map<Key, std::int64_t, std::less<>> pending_;
};

}  // namespace licensor::core
