// Fixed windows per key: the first attempt opens a window, and the limit holds until it ends.
#include "core/login_throttle.hpp"

#include <algorithm>

namespace licensor::core {

UnixSeconds LoginThrottle::Wait(const std::optional<SignInWindow>& window, int limit,
                                UnixSeconds now) const {
  if (!window || window->attempts <= limit) return 0;
  return std::max<UnixSeconds>(1, window->start + limits_.window_s - now);
}

Result<UnixSeconds> LoginThrottle::Begin(const std::string& account, const std::string& address) {
  const UnixSeconds now = clock_.Now();
  const UnixSeconds expired = now - limits_.window_s;
  // Refused attempts are not counted, so that a client that keeps trying while refused costs
  // the store a read only, and the window still ends when it was going to.
  UnixSeconds wait = 0;
  LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(auto by_account, tx.GetSignInWindow(AccountKey(account, address)));
    LICENSOR_ASSIGN_OR_RETURN(auto by_address, tx.GetSignInWindow(AddressKey(address)));
    if (by_account && by_account->start <= expired) by_account.reset();
    if (by_address && by_address->start <= expired) by_address.reset();
    // A window at its limit is full already: the attempt about to be counted would be over.
    wait = std::max(Wait(by_account, limits_.failures_per_account_and_address - 1, now),
                    Wait(by_address, limits_.failures_per_address - 1, now));
    return Status::Ok();
  }));
  if (wait > 0) return wait;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(const auto by_account,
                              tx.CountSignInAttempt(AccountKey(account, address), now, expired));
    LICENSOR_ASSIGN_OR_RETURN(const auto by_address,
                              tx.CountSignInAttempt(AddressKey(address), now, expired));
    wait = std::max(Wait(by_account, limits_.failures_per_account_and_address, now),
                    Wait(by_address, limits_.failures_per_address, now));
    return Status::Ok();
  }));
  return wait;
}

Status LoginThrottle::Succeeded(StoreTx& tx, const std::string& account,
                                const std::string& address) {
  LICENSOR_RETURN_IF_ERROR(tx.DeleteSignInWindow(AccountKey(account, address)));
  return tx.UncountSignInAttempt(AddressKey(address));
}

Status LoginThrottle::DropStale(StoreTx& tx) {
  return tx.DeleteStaleSignInWindows(clock_.Now() - limits_.window_s);
}

}  // namespace licensor::core
