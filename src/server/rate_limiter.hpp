// Token-bucket rate limiting for the client API, per client address and per license code.
#pragma once

#include <chrono>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/clock.hpp"

namespace licensor::server {

// Each key gets a bucket of `burst` tokens refilled at `rate_per_second`. The burst is what
// lets a fleet boot: 100 servers activating one code in the same second fit in it, while a
// script walking through thousands of codes from one address runs dry. Uses the clock's monotonic
// time:
// this is traffic shaping, not licensing time.
//
// Memory is bounded by `max_keys`. When the table is full the key used least recently is
// forgotten, so a flood of fresh keys (addresses, made-up codes) evicts only keys that are
// quiet, never the client being limited right now.
class RateLimiter {
 public:
  // rate_per_second 0 disables limiting.
  RateLimiter(const Clock& clock, double rate_per_second, double burst,
              std::size_t max_keys = 100'000);

  // True when the request may proceed; otherwise `retry_after_s` says when one token is back.
  bool Allow(const std::string& key, int& retry_after_s);
  std::size_t size() const;

 private:
  struct Bucket {
    std::string key;
    double tokens;
    std::chrono::nanoseconds updated;  // by clock_.Monotonic()
  };

  const Clock& clock_;
  double rate_;
  double burst_;
  std::size_t max_keys_;
  mutable std::mutex mutex_;
  std::list<Bucket> recent_;  // most recently used first
  std::unordered_map<std::string, std::list<Bucket>::iterator> buckets_;
};

}  // namespace licensor::server
