// The accounts aggregate in SQLite; the statements are one text with PostgreSQL's
// (storage/account_sql.hpp).
#include "storage/account_sql.hpp"
#include "storage/sqlite/sqlite_tx.hpp"
#include "storage/tables.hpp"

namespace licensor::storage::sqlite {

using namespace core;

namespace {

const AccountSql& Sql() { return StatementsFor<AccountSql>(Dialect::kSqlite); }

}  // namespace

Status SqliteTx::InsertUser(const User& u) {
  return InsertRow(conn_, Sql().users.insert, u, tables::kUsers);
}

Status SqliteTx::UpdateUser(const User& u) {
  return UpdateRow(conn_, Sql().users.update, u, tables::kUsers, "user");
}

Result<std::optional<User>> SqliteTx::GetUser(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().users.get.c_str()));
  return ReadOne<User>(stmt.Bind(id), RowsOf(tables::kUsers));
}

Result<std::optional<User>> SqliteTx::FindUserByEmail(const std::string& email_key) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().find_user_by_email.c_str()));
  return ReadOne<User>(stmt.Bind(email_key), RowsOf(tables::kUsers));
}

Result<Page<User>> SqliteTx::ListUsers(const std::optional<std::string>& customer_id,
                                       const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_users.c_str()));
  return ReadPage<User>(stmt.Bind(page.after_seq, page.limit + 1, customer_id), page.limit,
                        RowsOf(tables::kUsers));
}

Result<std::int64_t> SqliteTx::CountUsers() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().count_users.c_str()));
  return ReadCount(stmt);
}

Status SqliteTx::LockAccounts() { return Status::Ok(); }  // the single writer serialises

Result<std::int64_t> SqliteTx::CountEnabledAdmins() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().count_enabled_admins.c_str()));
  return ReadCount(stmt);
}

Status SqliteTx::InsertSession(const Session& s) {
  return InsertRow(conn_, Sql().insert_session, s, tables::kSessions);
}

Result<std::optional<Session>> SqliteTx::FindSession(const std::string& hash) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().find_session.c_str()));
  return ReadOne<Session>(stmt.Bind(hash), RowsWithoutSeqOf(tables::kSessions));
}

Status SqliteTx::TouchSession(const std::string& hash, UnixSeconds last_seen_at) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().touch_session.c_str()));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(hash, last_seen_at).Run());
  return ExpectOneRow(conn_, "session");
}

Status SqliteTx::DeleteSession(const std::string& hash) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().delete_session.c_str()));
  return stmt.Bind(hash).Run();
}

Status SqliteTx::DeleteUserSessions(const std::string& user_id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().delete_user_sessions.c_str()));
  return stmt.Bind(user_id).Run();
}

Result<std::int64_t> SqliteTx::DeleteStaleSessions(UnixSeconds idle_before,
                                                   UnixSeconds created_before) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().delete_stale_sessions.c_str()));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(idle_before, created_before).Run());
  return static_cast<std::int64_t>(conn_.Changes());
}

Status SqliteTx::InsertSetupLink(const std::string& hash, UnixSeconds expires_at) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().insert_setup_link.c_str()));
  return stmt.Bind(hash, expires_at).Run();
}

Result<std::optional<UnixSeconds>> SqliteTx::FindSetupLink(const std::string& hash) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().find_setup_link.c_str()));
  return ReadOne<UnixSeconds>(stmt.Bind(hash), [](const Statement& r) { return r.Int(0); });
}

Status SqliteTx::DeleteSetupLinks() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().delete_setup_links.c_str()));
  return stmt.Run();
}

Status SqliteTx::AddDailyCount(const DailyCount& c) {
  return InsertRow(conn_, Sql().add_daily_count, c, tables::kDailyCounts);
}

Result<std::vector<DailyCount>> SqliteTx::ListDailyCounts(std::int64_t from_day,
                                                          std::int64_t to_day) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_daily_counts.c_str()));
  return ReadAll<DailyCount>(stmt.Bind(from_day, to_day), RowsWithoutSeqOf(tables::kDailyCounts));
}

Result<SignInWindow> SqliteTx::CountSignInAttempt(const std::string& key, UnixSeconds now,
                                                  UnixSeconds expired_at_or_before) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().count_sign_in_attempt.c_str()));
  LICENSOR_ASSIGN_OR_RETURN(const auto window,
                            ReadOne<SignInWindow>(stmt.Bind(key, now, expired_at_or_before),
                                                  RowsWithoutSeqOf(tables::kSignInWindows)));
  if (!window) return Status::Internal("counting a sign-in attempt returned no row");
  return *window;
}

Result<std::optional<SignInWindow>> SqliteTx::GetSignInWindow(const std::string& key) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().get_sign_in_window.c_str()));
  return ReadOne<SignInWindow>(stmt.Bind(key), RowsWithoutSeqOf(tables::kSignInWindows));
}

Status SqliteTx::UncountSignInAttempt(const std::string& key) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().uncount_sign_in_attempt.c_str()));
  return stmt.Bind(key).Run();
}

Status SqliteTx::DeleteSignInWindow(const std::string& key) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().delete_sign_in_window.c_str()));
  return stmt.Bind(key).Run();
}

Status SqliteTx::DeleteStaleSignInWindows(UnixSeconds started_at_or_before) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().delete_stale_sign_in_windows.c_str()));
  return stmt.Bind(started_at_or_before).Run();
}

}  // namespace licensor::storage::sqlite
