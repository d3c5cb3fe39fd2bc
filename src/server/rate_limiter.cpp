// Token buckets with lazy refill and bounded memory.
#include "server/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace licensor::server {
namespace {

constexpr std::size_t kMaxBuckets = 100'000;

}  // namespace

RateLimiter::RateLimiter(double rate_per_second, double burst)
    : rate_(rate_per_second), burst_(std::max(1.0, burst)) {}

bool RateLimiter::Allow(const std::string& key, int& retry_after_s) {
  if (rate_ <= 0) return true;
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= kMaxBuckets) {
    PruneLocked(now);
    // A flood of distinct keys leaves nothing to prune; forgetting every bucket then bounds
    // memory, and costs only a fresh burst for keys that were being limited.
    if (buckets_.size() >= kMaxBuckets) buckets_.clear();
  }
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!inserted) {
    const double elapsed = std::chrono::duration<double>(now - b.updated).count();
    b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
    b.updated = now;
  }
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return true;
  }
  retry_after_s = std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / rate_)));
  return false;
}

// Drops buckets that have refilled completely: forgetting them changes nothing.
void RateLimiter::PruneLocked(std::chrono::steady_clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const double elapsed = std::chrono::duration<double>(now - it->second.updated).count();
    if (it->second.tokens + elapsed * rate_ >= burst_) {
      it = buckets_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace licensor::server
