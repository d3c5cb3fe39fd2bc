// Throttling of console sign-in: after repeated failures for one account, or from one
// address, sign-in is refused for the rest of the window without checking any password.
//
// The attempts are counted in the store, so that every node of a deployment counts them
// together, and each attempt is counted before its password is checked: attempts sent all at
// once cannot each pass the check before any of them has failed. An attempt that succeeds is
// taken back (the address) or clears the count (the account).
#pragma once

#include <string>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "core/store.hpp"

namespace licensor::core {

class LoginThrottle {
 public:
  struct Limits {
    int failures_per_account = 5;
    int failures_per_address = 20;
    UnixSeconds window_s = 15 * 60;
  };
  LoginThrottle(Store& store, const Clock& clock, Limits limits)
      : store_(store), clock_(clock), limits_(limits) {}

  // Counts an attempt for `account` from `address`. Answers 0 when it may go ahead, else the
  // seconds to wait (the attempt is refused without its password being checked).
  Result<UnixSeconds> Begin(const std::string& account, const std::string& address);
  // The attempt succeeded: the account's failures are forgotten, and the address's count
  // loses this attempt. Part of the sign-in's own transaction.
  Status Succeeded(StoreTx& tx, const std::string& account, const std::string& address);
  // Windows that have run out, dropped by the periodic flush.
  Status DropStale(StoreTx& tx);

 private:
  static std::string AccountKey(const std::string& account) { return "account:" + account; }
  static std::string AddressKey(const std::string& address) { return "address:" + address; }
  UnixSeconds Wait(const std::optional<SignInWindow>& window, int limit, UnixSeconds now) const;

  Store& store_;
  const Clock& clock_;
  const Limits limits_;
};

}  // namespace licensor::core
