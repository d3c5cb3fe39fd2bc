// Fixed windows per key: the first failure opens a window, and the limit holds until it ends.
#include "core/login_throttle.hpp"

#include <algorithm>

namespace licensor::core {

UnixSeconds LoginThrottle::Wait(const std::unordered_map<std::string, Window>& table,
                                const std::string& key, int limit, UnixSeconds now) const {
  const auto it = table.find(key);
  if (it == table.end() || it->second.failures < limit) return 0;
  return std::max<UnixSeconds>(0, it->second.start + limits_.window_s - now);
}

UnixSeconds LoginThrottle::RetryAfter(const std::string& account, const std::string& address) {
  const UnixSeconds now = clock_.Now();
  std::lock_guard lock(mutex_);
  return std::max(Wait(accounts_, account, limits_.failures_per_account, now),
                  Wait(addresses_, address, limits_.failures_per_address, now));
}

void LoginThrottle::Count(std::unordered_map<std::string, Window>& table, const std::string& key,
                          UnixSeconds now) {
  if (table.size() >= kMaxEntries) {
    std::erase_if(table, [&](const auto& e) { return e.second.start + limits_.window_s <= now; });
    if (table.size() >= kMaxEntries) table.clear();  // a flood of fresh keys: start over
  }
  Window& w = table[key];
  if (w.start + limits_.window_s <= now) w = Window{now, 0};
  ++w.failures;
}

void LoginThrottle::RecordFailure(const std::string& account, const std::string& address) {
  const UnixSeconds now = clock_.Now();
  std::lock_guard lock(mutex_);
  Count(accounts_, account, now);
  Count(addresses_, address, now);
}

void LoginThrottle::RecordSuccess(const std::string& account) {
  std::lock_guard lock(mutex_);
  accounts_.erase(account);
}

}  // namespace licensor::core
