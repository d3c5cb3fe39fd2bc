// PostgreSQL side of the accounts aggregate; the statements are shared
// (storage/account_sql.hpp), their placeholders translated at compile time.
#include "storage/account_sql.hpp"
#include "storage/postgres/pg_results.hpp"
#include "storage/postgres/pg_tx.hpp"
#include "storage/rows.hpp"
#include "storage/sql_text.hpp"

namespace licensor::storage::postgres {
namespace {

using namespace core;
namespace sql = storage::account_sql;

constexpr PgStatement kInsertUser(sql::kInsertUser);
constexpr PgStatement kUpdateUser(sql::kUpdateUser);
constexpr PgStatement kGetUser(sql::kGetUser);
constexpr PgStatement kFindUserByEmail(sql::kFindUserByEmail);
constexpr PgStatement kListUsers(sql::kListUsers);
constexpr PgStatement kCountUsers(sql::kCountUsers);
constexpr PgStatement kCountEnabledAdmins(sql::kCountEnabledAdmins);
constexpr PgStatement kInsertSession(sql::kInsertSession);
constexpr PgStatement kFindSession(sql::kFindSession);
constexpr PgStatement kTouchSession(sql::kTouchSession);
constexpr PgStatement kDeleteSession(sql::kDeleteSession);
constexpr PgStatement kDeleteUserSessions(sql::kDeleteUserSessions);
constexpr PgStatement kDeleteStaleSessions(sql::kDeleteStaleSessions);
constexpr PgStatement kInsertSetupLink(sql::kInsertSetupLink);
constexpr PgStatement kFindSetupLink(sql::kFindSetupLink);
constexpr PgStatement kDeleteSetupLinks(sql::kDeleteSetupLinks);
constexpr PgStatement kAddDailyCount(sql::kAddDailyCount);
constexpr PgStatement kListDailyCounts(sql::kListDailyCounts);
constexpr PgStatement kCountSignInAttempt(sql::kCountSignInAttempt);
constexpr PgStatement kGetSignInWindow(sql::kGetSignInWindow);
constexpr PgStatement kUncountSignInAttempt(sql::kUncountSignInAttempt);
constexpr PgStatement kDeleteSignInWindow(sql::kDeleteSignInWindow);
constexpr PgStatement kDeleteStaleSignInWindows(sql::kDeleteStaleSignInWindows);

const auto kUser = ReadUser<PgRow>;

}  // namespace

Status PgTx::InsertUser(const User& u) {
  return conn_
      .Query(kInsertUser.c_str(), u.id, u.email, EmailKey(u.email), u.display_name,
             ToString(u.role), u.customer_id, u.disabled, u.password_hash, u.created_at,
             u.updated_at, u.last_login_at)
      .status();
}
Status PgTx::UpdateUser(const User& u) {
  return Changed(conn_.Query(kUpdateUser.c_str(), u.id, u.email, EmailKey(u.email), u.display_name,
                             ToString(u.role), u.customer_id, u.disabled, u.password_hash,
                             u.updated_at, u.last_login_at),
                 "user");
}
Result<std::optional<User>> PgTx::GetUser(const std::string& id) {
  return One<User>(conn_.Query(kGetUser.c_str(), id), kUser);
}
Result<std::optional<User>> PgTx::FindUserByEmail(const std::string& email_key) {
  return One<User>(conn_.Query(kFindUserByEmail.c_str(), email_key), kUser);
}
Result<Page<User>> PgTx::ListUsers(const std::optional<std::string>& customer_id,
                                   const PageRequest& page) {
  return PageOf<User>(conn_.Query(kListUsers.c_str(), page.after_seq, page.limit + 1, customer_id),
                      page.limit, kUser);
}
Result<std::int64_t> PgTx::CountUsers() { return Count(conn_.Query(kCountUsers.c_str())); }
Result<std::int64_t> PgTx::CountEnabledAdmins() {
  return Count(conn_.Query(kCountEnabledAdmins.c_str()));
}

Status PgTx::InsertSession(const Session& s) {
  return conn_.Query(kInsertSession.c_str(), s.hash, s.user_id, s.created_at, s.last_seen_at)
      .status();
}
Result<std::optional<Session>> PgTx::FindSession(const std::string& hash) {
  return One<Session>(conn_.Query(kFindSession.c_str(), hash), ReadSession<PgRow>);
}
Status PgTx::TouchSession(const std::string& hash, UnixSeconds last_seen_at) {
  return Changed(conn_.Query(kTouchSession.c_str(), hash, last_seen_at), "session");
}
Status PgTx::DeleteSession(const std::string& hash) {
  return conn_.Query(kDeleteSession.c_str(), hash).status();
}
Status PgTx::DeleteUserSessions(const std::string& user_id) {
  return conn_.Query(kDeleteUserSessions.c_str(), user_id).status();
}
Result<std::int64_t> PgTx::DeleteStaleSessions(UnixSeconds idle_before,
                                               UnixSeconds created_before) {
  LICENSOR_ASSIGN_OR_RETURN(const auto result,
                            conn_.Query(kDeleteStaleSessions.c_str(), idle_before, created_before));
  return static_cast<std::int64_t>(result.affected());
}

Status PgTx::InsertSetupLink(const std::string& hash, UnixSeconds expires_at) {
  return conn_.Query(kInsertSetupLink.c_str(), hash, expires_at).status();
}
Result<std::optional<UnixSeconds>> PgTx::FindSetupLink(const std::string& hash) {
  return One<UnixSeconds>(conn_.Query(kFindSetupLink.c_str(), hash),
                          [](const PgRow& r) { return r.Int(0); });
}
Status PgTx::DeleteSetupLinks() { return conn_.Query(kDeleteSetupLinks.c_str()).status(); }

Status PgTx::AddDailyCount(const DailyCount& c) {
  return conn_.Query(kAddDailyCount.c_str(), c.day, c.kind, c.result, c.count).status();
}
Result<std::vector<DailyCount>> PgTx::ListDailyCounts(std::int64_t from_day, std::int64_t to_day) {
  return All<DailyCount>(conn_.Query(kListDailyCounts.c_str(), from_day, to_day),
                         ReadDailyCount<PgRow>);
}

Result<SignInWindow> PgTx::CountSignInAttempt(const std::string& key, UnixSeconds now,
                                              UnixSeconds expired_at_or_before) {
  LICENSOR_ASSIGN_OR_RETURN(
      const auto window,
      One<SignInWindow>(conn_.Query(kCountSignInAttempt.c_str(), key, now, expired_at_or_before),
                        ReadSignInWindow<PgRow>));
  if (!window) return Status::Internal("counting a sign-in attempt returned no row");
  return *window;
}

Result<std::optional<SignInWindow>> PgTx::GetSignInWindow(const std::string& key) {
  return One<SignInWindow>(conn_.Query(kGetSignInWindow.c_str(), key), ReadSignInWindow<PgRow>);
}

Status PgTx::UncountSignInAttempt(const std::string& key) {
  return conn_.Query(kUncountSignInAttempt.c_str(), key).status();
}

Status PgTx::DeleteSignInWindow(const std::string& key) {
  return conn_.Query(kDeleteSignInWindow.c_str(), key).status();
}

Status PgTx::DeleteStaleSignInWindows(UnixSeconds started_at_or_before) {
  return conn_.Query(kDeleteStaleSignInWindows.c_str(), started_at_or_before).status();
}

}  // namespace licensor::storage::postgres
