// SQLite side of the accounts aggregate; the statements are shared (storage/account_sql.hpp).
#include "storage/account_sql.hpp"
#include "storage/rows.hpp"
#include "storage/sqlite/sqlite_tx.hpp"

namespace licensor::storage::sqlite {

using namespace core;
using namespace storage::account_sql;

Status SqliteTx::InsertUser(const User& u) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertUser));
  return stmt
      .Bind(u.id, u.email, EmailKey(u.email), u.display_name, ToString(u.role), u.customer_id,
            u.disabled, u.password_hash, u.created_at, u.updated_at, u.last_login_at)
      .Run();
}

Status SqliteTx::UpdateUser(const User& u) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kUpdateUser));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(u.id, u.email, EmailKey(u.email), u.display_name,
                                     ToString(u.role), u.customer_id, u.disabled, u.password_hash,
                                     u.updated_at, u.last_login_at)
                               .Run());
  return ExpectOneRow(conn_, "user");
}

Result<std::optional<User>> SqliteTx::GetUser(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kGetUser));
  return ReadOne<User>(stmt.Bind(id), ReadUser<Statement>);
}

Result<std::optional<User>> SqliteTx::FindUserByEmail(const std::string& email_key) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kFindUserByEmail));
  return ReadOne<User>(stmt.Bind(email_key), ReadUser<Statement>);
}

Result<Page<User>> SqliteTx::ListUsers(const std::optional<std::string>& customer_id,
                                       const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListUsers));
  return ReadPage<User>(stmt.Bind(page.after_seq, page.limit + 1, customer_id), page.limit,
                        ReadUser<Statement>);
}

Result<std::int64_t> SqliteTx::CountUsers() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kCountUsers));
  return ReadCount(stmt);
}

Result<std::int64_t> SqliteTx::CountEnabledAdmins() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kCountEnabledAdmins));
  return ReadCount(stmt);
}

Status SqliteTx::InsertSession(const Session& s) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertSession));
  return stmt.Bind(s.hash, s.user_id, s.created_at, s.last_seen_at).Run();
}

Result<std::optional<Session>> SqliteTx::FindSession(const std::string& hash) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kFindSession));
  return ReadOne<Session>(stmt.Bind(hash), ReadSession<Statement>);
}

Status SqliteTx::TouchSession(const std::string& hash, UnixSeconds last_seen_at) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kTouchSession));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(hash, last_seen_at).Run());
  return ExpectOneRow(conn_, "session");
}

Status SqliteTx::DeleteSession(const std::string& hash) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kDeleteSession));
  return stmt.Bind(hash).Run();
}

Status SqliteTx::DeleteUserSessions(const std::string& user_id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kDeleteUserSessions));
  return stmt.Bind(user_id).Run();
}

Result<std::int64_t> SqliteTx::DeleteStaleSessions(UnixSeconds idle_before,
                                                   UnixSeconds created_before) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kDeleteStaleSessions));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(idle_before, created_before).Run());
  return static_cast<std::int64_t>(conn_.Changes());
}

Status SqliteTx::InsertSetupLink(const std::string& hash, UnixSeconds expires_at) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertSetupLink));
  return stmt.Bind(hash, expires_at).Run();
}

Result<std::optional<UnixSeconds>> SqliteTx::FindSetupLink(const std::string& hash) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kFindSetupLink));
  return ReadOne<UnixSeconds>(stmt.Bind(hash), [](const Statement& r) { return r.Int(0); });
}

Status SqliteTx::DeleteSetupLinks() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kDeleteSetupLinks));
  return stmt.Run();
}

Status SqliteTx::AddDailyCount(const DailyCount& c) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kAddDailyCount));
  return stmt.Bind(c.day, c.kind, c.result, c.count).Run();
}

Result<std::vector<DailyCount>> SqliteTx::ListDailyCounts(std::int64_t from_day,
                                                          std::int64_t to_day) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListDailyCounts));
  return ReadAll<DailyCount>(stmt.Bind(from_day, to_day), ReadDailyCount<Statement>);
}

Result<SignInWindow> SqliteTx::CountSignInAttempt(const std::string& key, UnixSeconds now,
                                                  UnixSeconds expired_at_or_before) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kCountSignInAttempt));
  LICENSOR_ASSIGN_OR_RETURN(const auto window,
                            ReadOne<SignInWindow>(stmt.Bind(key, now, expired_at_or_before),
                                                  ReadSignInWindow<Statement>));
  if (!window) return Status::Internal("counting a sign-in attempt returned no row");
  return *window;
}

Result<std::optional<SignInWindow>> SqliteTx::GetSignInWindow(const std::string& key) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kGetSignInWindow));
  return ReadOne<SignInWindow>(stmt.Bind(key), ReadSignInWindow<Statement>);
}

Status SqliteTx::UncountSignInAttempt(const std::string& key) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kUncountSignInAttempt));
  return stmt.Bind(key).Run();
}

Status SqliteTx::DeleteSignInWindow(const std::string& key) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kDeleteSignInWindow));
  return stmt.Bind(key).Run();
}

Status SqliteTx::DeleteStaleSignInWindows(UnixSeconds started_at_or_before) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kDeleteStaleSignInWindows));
  return stmt.Bind(started_at_or_before).Run();
}

}  // namespace licensor::storage::sqlite
