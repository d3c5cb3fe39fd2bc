// Counting and flushing the dashboard's daily figures.
#include "core/daily_counts.hpp"

namespace licensor::core {

void DailyCounts::Count(std::string_view kind, std::string_view result) {
  const std::int64_t day = DayOf(clock_.Now());
  std::lock_guard lock(mutex_);
  const auto it = pending_.find(
      std::tuple<std::int64_t, std::string_view, std::string_view>(day, kind, result));
  if (it != pending_.end()) {
    ++it->second;
  } else if (pending_.size() < kMaxPending) {
    pending_.emplace(Key(day, std::string(kind), std::string(result)), 1);
  }
}

Status DailyCounts::Flush() {
  std::map<Key, std::int64_t, std::less<>> taken;
  {
    std::lock_guard lock(mutex_);
    taken.swap(pending_);
  }
  if (taken.empty()) return Status::Ok();
  const Status written = store_.Write([&](StoreTx& tx) -> Status {
    for (const auto& [key, count] : taken) {
      const auto& [day, kind, result] = key;
      LICENSOR_RETURN_IF_ERROR(tx.AddDailyCount(DailyCount{day, kind, result, count}));
    }
    return Status::Ok();
  });
  if (!written.ok()) {
    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : taken) pending_[key] += count;
  }
  return written;
}

Result<std::vector<DailyCount>> DailyCounts::Range(std::int64_t from_day, std::int64_t to_day) {
  LICENSOR_ASSIGN_OR_RETURN(
      auto stored, ReadValue<std::vector<DailyCount>>(
                       store_, [&](StoreTx& tx) { return tx.ListDailyCounts(from_day, to_day); }));
  std::map<Key, std::int64_t> merged;
  for (auto& c : stored) merged[Key(c.day, c.kind, c.result)] += c.count;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : pending_) {
      if (std::get<0>(key) >= from_day && std::get<0>(key) <= to_day) merged[key] += count;
    }
  }
  std::vector<DailyCount> out;
  for (const auto& [key, count] : merged) {
    out.push_back(DailyCount{std::get<0>(key), std::get<1>(key), std::get<2>(key), count});
  }
  return out;
}

}  // namespace licensor::core
