// The accounts aggregate in PostgreSQL; the statements are one text with SQLite's
// (storage/account_sql.hpp).
#include "storage/account_sql.hpp"
#include "storage/postgres/pg_results.hpp"
#include "storage/postgres/pg_tx.hpp"
#include "storage/tables.hpp"

namespace licensor::storage::postgres {
namespace {

using namespace core;

const AccountSql& Sql() { return StatementsFor<AccountSql>(Dialect::kPostgres); }
const auto kUser = RowsOf(tables::kUsers);

}  // namespace

Status PgTx::InsertUser(const User& u) {
  return InsertRow(conn_, Sql().users.insert, u, tables::kUsers);
}
Status PgTx::UpdateUser(const User& u) {
  return UpdateRow(conn_, Sql().users.update, u, tables::kUsers, "user");
}
Result<std::optional<User>> PgTx::GetUser(const std::string& id) {
  return One<User>(conn_.Query(Sql().users.get.c_str(), id), kUser);
}
Result<std::optional<User>> PgTx::FindUserByEmail(const std::string& email_key) {
  return One<User>(conn_.Query(Sql().find_user_by_email.c_str(), email_key), kUser);
}
Result<Page<User>> PgTx::ListUsers(const std::optional<std::string>& customer_id,
                                   const PageRequest& page) {
  return PageOf<User>(
      conn_.Query(Sql().list_users.c_str(), page.after_seq, page.limit + 1, customer_id),
      page.limit, kUser);
}
Result<std::int64_t> PgTx::CountUsers() { return Count(conn_.Query(Sql().count_users.c_str())); }
Result<std::int64_t> PgTx::CountEnabledAdmins() {
  return Count(conn_.Query(Sql().count_enabled_admins.c_str()));
}

Status PgTx::LockAccounts() { return conn_.Query(Sql().lock.c_str()).status(); }

Status PgTx::InsertSession(const Session& s) {
  return InsertRow(conn_, Sql().insert_session, s, tables::kSessions);
}
Result<std::optional<Session>> PgTx::FindSession(const std::string& hash) {
  return One<Session>(conn_.Query(Sql().find_session.c_str(), hash),
                      RowsWithoutSeqOf(tables::kSessions));
}
Status PgTx::TouchSession(const std::string& hash, UnixSeconds last_seen_at) {
  return Changed(conn_.Query(Sql().touch_session.c_str(), hash, last_seen_at), "session");
}
Status PgTx::DeleteSession(const std::string& hash) {
  return conn_.Query(Sql().delete_session.c_str(), hash).status();
}
Status PgTx::DeleteUserSessions(const std::string& user_id) {
  return conn_.Query(Sql().delete_user_sessions.c_str(), user_id).status();
}
Result<std::int64_t> PgTx::DeleteStaleSessions(UnixSeconds idle_before,
                                               UnixSeconds created_before) {
  LICENSOR_ASSIGN_OR_RETURN(const auto result, conn_.Query(Sql().delete_stale_sessions.c_str(),
                                                           idle_before, created_before));
  return static_cast<std::int64_t>(result.affected());
}

Status PgTx::InsertSetupLink(const std::string& hash, UnixSeconds expires_at) {
  return conn_.Query(Sql().insert_setup_link.c_str(), hash, expires_at).status();
}
Result<std::optional<UnixSeconds>> PgTx::FindSetupLink(const std::string& hash) {
  return One<UnixSeconds>(conn_.Query(Sql().find_setup_link.c_str(), hash),
                          [](const PgRow& r) { return r.Int(0); });
}
Status PgTx::DeleteSetupLinks() { return conn_.Query(Sql().delete_setup_links.c_str()).status(); }

Status PgTx::AddDailyCount(const DailyCount& c) {
  return InsertRow(conn_, Sql().add_daily_count, c, tables::kDailyCounts);
}
Result<std::vector<DailyCount>> PgTx::ListDailyCounts(std::int64_t from_day, std::int64_t to_day) {
  return All<DailyCount>(conn_.Query(Sql().list_daily_counts.c_str(), from_day, to_day),
                         RowsWithoutSeqOf(tables::kDailyCounts));
}

Result<SignInWindow> PgTx::CountSignInAttempt(const std::string& key, UnixSeconds now,
                                              UnixSeconds expired_at_or_before) {
  LICENSOR_ASSIGN_OR_RETURN(const auto window,
                            One<SignInWindow>(conn_.Query(Sql().count_sign_in_attempt.c_str(), key,
                                                          now, expired_at_or_before),
                                              RowsWithoutSeqOf(tables::kSignInWindows)));
  if (!window) return Status::Internal("counting a sign-in attempt returned no row");
  return *window;
}

Result<std::optional<SignInWindow>> PgTx::GetSignInWindow(const std::string& key) {
  return One<SignInWindow>(conn_.Query(Sql().get_sign_in_window.c_str(), key),
                           RowsWithoutSeqOf(tables::kSignInWindows));
}

Status PgTx::UncountSignInAttempt(const std::string& key) {
  return conn_.Query(Sql().uncount_sign_in_attempt.c_str(), key).status();
}

Status PgTx::DeleteSignInWindow(const std::string& key) {
  return conn_.Query(Sql().delete_sign_in_window.c_str(), key).status();
}

Status PgTx::DeleteStaleSignInWindows(UnixSeconds started_at_or_before) {
  return conn_.Query(Sql().delete_stale_sign_in_windows.c_str(), started_at_or_before).status();
}

}  // namespace licensor::storage::postgres
