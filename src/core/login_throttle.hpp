// Throttling of console sign-in and password changes: after repeated failures for one account
// from one address, or from one address over any accounts, attempts are refused for the rest
// of the window without checking any password.
//
// An account is never locked for everyone: a stranger who knows an email address and types
// wrong passwords locks out only the address it types them from, and the owner still signs in
// from its own. A password spray over many accounts from one address runs into the address's
// own limit. A guess spread over many addresses is bounded by the addresses' limits and by how
// many password checks the server runs at once (crypto::PasswordHasher).
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
    int failures_per_account_and_address = 5;
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
  // The key of an account's attempts from one address. The address comes last, since an email
  // may hold any character but a rate-limit key holds no newline.
  static std::string AccountKey(const std::string& account, const std::string& address) {
    return "account:" + account + "\nfrom:" + address;
  }
  static std::string AddressKey(const std::string& address) { return "address:" + address; }
  UnixSeconds Wait(const std::optional<SignInWindow>& window, int limit, UnixSeconds now) const;

  Store& store_;
  const Clock& clock_;
  const Limits limits_;
};

}  // namespace licensor::core
