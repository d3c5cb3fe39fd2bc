// Throttling of console sign-in: after repeated failures for one account, or from one
// address, sign-in is refused for the rest of the window without checking any password.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/clock.hpp"

namespace licensor::core {

class LoginThrottle {
 public:
  struct Limits {
    int failures_per_account = 5;
    int failures_per_address = 20;
    UnixSeconds window_s = 15 * 60;
  };
  LoginThrottle(const Clock& clock, Limits limits) : clock_(clock), limits_(limits) {}

  // 0 when an attempt for `account` from `address` may go ahead, else the seconds to wait.
  UnixSeconds RetryAfter(const std::string& account, const std::string& address);
  void RecordFailure(const std::string& account, const std::string& address);
  // A success clears the account's failures; the address keeps its own.
  void RecordSuccess(const std::string& account);

 private:
  struct Window {
    UnixSeconds start = 0;
    int failures = 0;
  };
  // Entries whose window is over are dropped when the table grows past this, so that the
  // memory an attacker can make it use is bounded.
  static constexpr std::size_t kMaxEntries = 100000;

  UnixSeconds Wait(const std::unordered_map<std::string, Window>& table, const std::string& key,
                   int limit, UnixSeconds now) const;
  void Count(std::unordered_map<std::string, Window>& table, const std::string& key,
             UnixSeconds now);

  const Clock& clock_;
  const Limits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> accounts_;
  std::unordered_map<std::string, Window> addresses_;
};

}  // namespace licensor::core
