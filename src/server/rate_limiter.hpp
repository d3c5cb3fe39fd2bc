// Token-bucket rate limiting for the client API, per remote address and per license code.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace licensor::server {

// Each key gets a bucket of `burst` tokens refilled at `rate_per_second`. The burst is what
// lets a fleet boot: 100 servers activating one code in the same second fit in it, while a
// script walking through thousands of codes from one address runs dry. Uses the steady clock:
// this is traffic shaping, not licensing time.
class RateLimiter {
 public:
  // rate_per_second 0 disables limiting.
  RateLimiter(double rate_per_second, double burst);

  // True when the request may proceed; otherwise `retry_after_s` says when one token is back.
  bool Allow(const std::string& key, int& retry_after_s);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point updated;
  };
  void PruneLocked(std::chrono::steady_clock::time_point now);

  double rate_;
  double burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace licensor::server
