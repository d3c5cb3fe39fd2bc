// The accounts' part of a store transaction: the console's users, their sessions, the first
// administrator's setup link, the dashboard's daily counts and sign-in throttling.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "core/store_basics.hpp"

namespace licensor::core {

class AccountsTx {
 public:
  virtual ~AccountsTx() = default;

  // Accounts: the console's users, their sessions, and the first administrator's setup link.
  virtual Status InsertUser(const User& user) = 0;
  virtual Status UpdateUser(const User& user) = 0;
  virtual Result<std::optional<User>> GetUser(const std::string& id) = 0;
  // By the email folded to lower case (core::EmailKey).
  virtual Result<std::optional<User>> FindUserByEmail(const std::string& email_key) = 0;
  // Every user, or those acting for `customer_id`.
  virtual Result<Page<User>> ListUsers(const std::optional<std::string>& customer_id,
                                       const PageRequest& page) = 0;
  virtual Result<std::int64_t> CountUsers() = 0;
  virtual Result<std::int64_t> CountEnabledAdmins() = 0;
  // Serialises, across nodes, the transactions that decide who administers: the first
  // administrator's setup and a change that may leave no enabled admin. Reads after it see
  // what the previous holder committed.
  virtual Status LockAccounts() = 0;
  virtual Status InsertSession(const Session& session) = 0;
  virtual Result<std::optional<Session>> FindSession(const std::string& hash) = 0;
  virtual Status TouchSession(const std::string& hash, UnixSeconds last_seen_at) = 0;
  virtual Status DeleteSession(const std::string& hash) = 0;
  virtual Status DeleteUserSessions(const std::string& user_id) = 0;
  // Sessions idle since before `idle_before` or created before `created_before`.
  virtual Result<std::int64_t> DeleteStaleSessions(UnixSeconds idle_before,
                                                   UnixSeconds created_before) = 0;
  virtual Status InsertSetupLink(const std::string& hash, UnixSeconds expires_at) = 0;
  // The expiry of the link with this hash, if there is one.
  virtual Result<std::optional<UnixSeconds>> FindSetupLink(const std::string& hash) = 0;
  virtual Status DeleteSetupLinks() = 0;
  // Adds `count.count` to the day's figure, so that every node's counts add up.
  virtual Status AddDailyCount(const DailyCount& count) = 0;
  virtual Result<std::vector<DailyCount>> ListDailyCounts(std::int64_t from_day,
                                                          std::int64_t to_day) = 0;
  // Counts one more sign-in attempt for `key`, in a new window opened at `now` if the current
  // one started at or before `expired_at_or_before`; answers the window as it now stands.
  virtual Result<SignInWindow> CountSignInAttempt(const std::string& key, UnixSeconds now,
                                                  UnixSeconds expired_at_or_before) = 0;
  virtual Result<std::optional<SignInWindow>> GetSignInWindow(const std::string& key) = 0;
  // Takes one attempt back: it was not a failure after all.
  virtual Status UncountSignInAttempt(const std::string& key) = 0;
  virtual Status DeleteSignInWindow(const std::string& key) = 0;
  virtual Status DeleteStaleSignInWindows(UnixSeconds started_at_or_before) = 0;
};

}  // namespace licensor::core
