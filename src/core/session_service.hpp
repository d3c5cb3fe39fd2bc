// Signing in to the console: sessions, their CSRF tokens, sign-in throttling, and the
// first administrator's one-time setup link.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/clock.hpp"
#include "core/login_throttle.hpp"
#include "core/store.hpp"
#include "core/user_service.hpp"
#include "crypto/token_hasher.hpp"

namespace licensor::core {

struct SessionOptions {
  UnixSeconds idle_timeout_s = 30 * 60;   // a session unused this long is over
  UnixSeconds lifetime_s = 12 * 60 * 60;  // and any session this old
  UnixSeconds setup_link_lifetime_s = 60 * 60;
  LoginThrottle::Limits throttle;
};

struct SignedIn {
  User user;
  std::string secret;  // the cookie's value; only its keyed hash is stored
};

class SessionService {
 public:
  SessionService(Store& store, const Clock& clock, const crypto::TokenHasher& hasher,
                 UserService& users, SessionOptions options = {});

  // kInvalidCredentials, the same answer after the same work, for an unknown email, a wrong
  // password and a disabled user; kRateLimited (with its retry time) while throttled, and
  // kUnavailable while the server checks as many passwords as it may at once.
  // `address` is recorded in the audit log; `address_key` is what the address's failures are
  // counted under (one IPv6 subscriber's /64 as one, see server::RateLimitKey).
  Result<SignedIn> SignIn(const std::string& email, const std::string& password,
                          const std::string& address, const std::string& address_key);
  // The signed-in user's own change of password, throttled as sign-in is (a stolen session
  // must not be a way to guess the password). Every session of the user ends; the answer
  // carries a new one for the browser that made the change.
  Result<SignedIn> ChangePassword(const User& user, const Actor& actor,
                                  const std::string& current_password,
                                  const std::string& new_password, const std::string& address_key);
  // The signed-in user; kUnauthorized for an unknown, expired or ended session, or a disabled
  // user. Reads only: the session's last use is written later, by FlushSessionUse.
  Result<User> Authenticate(const std::string& secret);
  Status SignOut(const std::string& secret, const Actor& actor);

  // What a cookie-authenticated change must send in X-CSRF-Token: derived from the session's
  // secret under the server's key, so it is never stored and a cross-site page cannot know it.
  std::string CsrfToken(const std::string& secret) const;
  const SessionOptions& options() const { return options_; }

  // Writes the last use of the sessions used since the previous call, and removes the sessions
  // that are over. Run periodically and at shutdown.
  Status FlushSessionUse();

  // While no user exists: a new setup link's secret (valid setup_link_lifetime_s), else nullopt.
  Result<std::optional<std::string>> IssueSetupLink();
  Result<bool> SetupNeeded();
  // Creates the first administrator with the link's secret and signs it in. The link is used
  // up; kInvalidSetupLink when it is unknown, expired, or a user exists already, answered
  // before the password is hashed.
  Result<SignedIn> CompleteSetup(const std::string& link_secret, const NewUser& admin,
                                 const std::string& address);

 private:
  Result<std::string> OpenIn(StoreTx& tx, const User& user);
  // Counts an attempt of sign-in or password change (`what`, in the refusal's words);
  // kRateLimited while throttled.
  Status BeginAttempt(const std::string& account, const std::string& address_key,
                      std::string_view what);

  Store& store_;
  const Clock& clock_;
  const crypto::TokenHasher& hasher_;
  UserService& users_;
  const SessionOptions options_;
  LoginThrottle throttle_;
  std::atomic<bool> setup_done_{false};  // an admin exists: setup is over for good
  std::mutex used_mutex_;
  std::unordered_map<std::string, UnixSeconds> used_;  // session hash → last use, not yet written
};

}  // namespace licensor::core
