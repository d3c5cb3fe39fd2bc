// Token buckets with lazy refill, in least-recently-used order.
#include "server/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace licensor::server {

RateLimiter::RateLimiter(const Clock& clock, double rate_per_second, double burst,
                         std::size_t max_keys)
    : clock_(clock),
      rate_(rate_per_second),
      burst_(std::max(1.0, burst)),
      max_keys_(std::max<std::size_t>(1, max_keys)) {}

bool RateLimiter::Allow(const std::string& key, int& retry_after_s) {
  if (rate_ <= 0) return true;
  const auto now = clock_.Monotonic();
  std::lock_guard lock(mutex_);
  Bucket* bucket = nullptr;
  if (const auto found = buckets_.find(key); found != buckets_.end()) {
    recent_.splice(recent_.begin(), recent_, found->second);
    bucket = &*found->second;
    const double elapsed = std::chrono::duration<double>(now - bucket->updated).count();
    bucket->tokens = std::min(burst_, bucket->tokens + elapsed * rate_);
    bucket->updated = now;
  } else {
    if (buckets_.size() >= max_keys_) {
      // Reuse the least recently used bucket's node for the new key.
      buckets_.erase(recent_.back().key);
      recent_.splice(recent_.begin(), recent_, std::prev(recent_.end()));
      recent_.front() = Bucket{key, burst_, now};
    } else {
      recent_.push_front(Bucket{key, burst_, now});
    }
    buckets_.emplace(key, recent_.begin());
    bucket = &recent_.front();
  }
  if (bucket->tokens >= 1) {
    bucket->tokens -= 1;
    return true;
  }
  retry_after_s = std::max(1, static_cast<int>(std::ceil((1 - bucket->tokens) / rate_)));
  return false;
}

std::size_t RateLimiter::size() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

}  // namespace licensor::server
