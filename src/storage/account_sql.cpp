#include "storage/account_sql.hpp"

#include "storage/tables.hpp"

namespace licensor::storage {
namespace {

// An arbitrary constant naming the accounts among the database's advisory locks.
constexpr const char* kPostgresAccountsLock = "SELECT pg_advisory_xact_lock(7364501225)";

}  // namespace

AccountSql::AccountSql(Dialect d)
    : lock(d == Dialect::kPostgres ? kPostgresAccountsLock : ""),
      users(StatementsOf("users", tables::kUsers, d)) {
  using namespace tables;
  find_user_by_email = InDialect(users.select + " WHERE email_key = ?1", d);
  list_users = InDialect(users.select +
                             " WHERE seq > ?1 AND (CAST(?3 AS TEXT) IS NULL OR customer_id = ?3) "
                             "ORDER BY seq LIMIT ?2",
                         d);
  count_users = "SELECT COUNT(*) FROM users";
  count_enabled_admins = "SELECT COUNT(*) FROM users WHERE role = 'admin' AND NOT disabled";

  insert_session = InDialect("INSERT INTO sessions (" + NameList<core::Session>(kSessions) +
                                 ") VALUES (" + Placeholders(std::size(kSessions)) + ")",
                             d);
  find_session = InDialect(
      "SELECT " + SelectList<core::Session>(kSessions) + " FROM sessions WHERE hash = ?1", d);
  touch_session = InDialect("UPDATE sessions SET last_seen_at = ?2 WHERE hash = ?1", d);
  delete_session = InDialect("DELETE FROM sessions WHERE hash = ?1", d);
  delete_user_sessions = InDialect("DELETE FROM sessions WHERE user_id = ?1", d);
  delete_stale_sessions =
      InDialect("DELETE FROM sessions WHERE last_seen_at < ?1 OR created_at < ?2", d);

  insert_setup_link = InDialect("INSERT INTO setup_links (hash, expires_at) VALUES (?1,?2)", d);
  find_setup_link = InDialect("SELECT expires_at FROM setup_links WHERE hash = ?1", d);
  delete_setup_links = "DELETE FROM setup_links";

  const std::string counts = NameList<core::DailyCount>(kDailyCounts);
  add_daily_count = InDialect("INSERT INTO daily_counts (" + counts + ") VALUES (" +
                                  Placeholders(std::size(kDailyCounts)) +
                                  ") ON CONFLICT (day, kind, result) DO UPDATE SET count = "
                                  "daily_counts.count + excluded.count",
                              d);
  list_daily_counts = InDialect("SELECT " + counts +
                                    " FROM daily_counts WHERE day >= ?1 AND day <= ?2 "
                                    "ORDER BY day, kind, result",
                                d);

  const std::string window = SelectList<core::SignInWindow>(kSignInWindows);
  count_sign_in_attempt = InDialect(
      "INSERT INTO sign_in_attempts (key, window_start, attempts) VALUES (?1, ?2, 1) "
      "ON CONFLICT (key) DO UPDATE SET "
      "attempts = CASE WHEN sign_in_attempts.window_start <= ?3 THEN 1 "
      "ELSE sign_in_attempts.attempts + 1 END, "
      "window_start = CASE WHEN sign_in_attempts.window_start <= ?3 THEN ?2 "
      "ELSE sign_in_attempts.window_start END RETURNING " +
          window,
      d);
  get_sign_in_window = InDialect("SELECT " + window + " FROM sign_in_attempts WHERE key = ?1", d);
  uncount_sign_in_attempt = InDialect(
      "UPDATE sign_in_attempts SET attempts = attempts - 1 WHERE key = ?1 AND attempts > 0", d);
  delete_sign_in_window = InDialect("DELETE FROM sign_in_attempts WHERE key = ?1", d);
  delete_stale_sign_in_windows =
      InDialect("DELETE FROM sign_in_attempts WHERE window_start <= ?1", d);
}

}  // namespace licensor::storage
