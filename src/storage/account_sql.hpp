// Statements of the accounts aggregate (console users, sessions, setup links, daily counts),
// one text for both stores (storage/sql_text.hpp).
#pragma once

namespace licensor::storage::account_sql {

// Column list read by storage::ReadUser.
#define LICENSOR_USER_COLUMNS                                                              \
  "seq, id, email, display_name, role, customer_id, disabled, password_hash, created_at, " \
  "updated_at, last_login_at"

inline constexpr char kInsertUser[] =
    "INSERT INTO users (id, email, email_key, display_name, role, customer_id, disabled, "
    "password_hash, created_at, updated_at, last_login_at) "
    "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)";
inline constexpr char kUpdateUser[] =
    "UPDATE users SET email = ?2, email_key = ?3, display_name = ?4, role = ?5, "
    "customer_id = ?6, disabled = ?7, password_hash = ?8, updated_at = ?9, last_login_at = ?10 "
    "WHERE id = ?1";
inline constexpr char kGetUser[] = "SELECT " LICENSOR_USER_COLUMNS " FROM users WHERE id = ?1";
inline constexpr char kFindUserByEmail[] =
    "SELECT " LICENSOR_USER_COLUMNS " FROM users WHERE email_key = ?1";
inline constexpr char kListUsers[] =
    "SELECT " LICENSOR_USER_COLUMNS
    " FROM users WHERE seq > ?1 AND (CAST(?3 AS TEXT) IS NULL OR customer_id = ?3) "
    "ORDER BY seq LIMIT ?2";
inline constexpr char kCountUsers[] = "SELECT COUNT(*) FROM users";
inline constexpr char kCountEnabledAdmins[] =
    "SELECT COUNT(*) FROM users WHERE role = 'admin' AND NOT disabled";

inline constexpr char kInsertSession[] =
    "INSERT INTO sessions (hash, user_id, created_at, last_seen_at) VALUES (?1,?2,?3,?4)";
inline constexpr char kFindSession[] =
    "SELECT hash, user_id, created_at, last_seen_at FROM sessions WHERE hash = ?1";
inline constexpr char kTouchSession[] = "UPDATE sessions SET last_seen_at = ?2 WHERE hash = ?1";
inline constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE hash = ?1";
inline constexpr char kDeleteUserSessions[] = "DELETE FROM sessions WHERE user_id = ?1";
inline constexpr char kDeleteStaleSessions[] =
    "DELETE FROM sessions WHERE last_seen_at < ?1 OR created_at < ?2";

inline constexpr char kInsertSetupLink[] =
    "INSERT INTO setup_links (hash, expires_at) VALUES (?1,?2)";
inline constexpr char kFindSetupLink[] = "SELECT expires_at FROM setup_links WHERE hash = ?1";
inline constexpr char kDeleteSetupLinks[] = "DELETE FROM setup_links";

inline constexpr char kAddDailyCount[] =
    "INSERT INTO daily_counts (day, kind, result, count) VALUES (?1,?2,?3,?4) "
    "ON CONFLICT (day, kind, result) DO UPDATE SET count = daily_counts.count + excluded.count";
inline constexpr char kListDailyCounts[] =
    "SELECT day, kind, result, count FROM daily_counts WHERE day >= ?1 AND day <= ?2 "
    "ORDER BY day, kind, result";

// Sign-in throttling: one window of counted attempts per key (an account or a client address).
// An attempt after the window has run out opens a new one. In an UPDATE every right-hand side
// reads the row as it was, in both stores, so the two CASEs test the same old window.
inline constexpr char kCountSignInAttempt[] =
    "INSERT INTO sign_in_attempts (key, window_start, attempts) VALUES (?1, ?2, 1) "
    "ON CONFLICT (key) DO UPDATE SET "
    "attempts = CASE WHEN sign_in_attempts.window_start <= ?3 THEN 1 "
    "ELSE sign_in_attempts.attempts + 1 END, "
    "window_start = CASE WHEN sign_in_attempts.window_start <= ?3 THEN ?2 "
    "ELSE sign_in_attempts.window_start END "
    "RETURNING window_start, attempts";
inline constexpr char kGetSignInWindow[] =
    "SELECT window_start, attempts FROM sign_in_attempts WHERE key = ?1";
inline constexpr char kUncountSignInAttempt[] =
    "UPDATE sign_in_attempts SET attempts = attempts - 1 WHERE key = ?1 AND attempts > 0";
inline constexpr char kDeleteSignInWindow[] = "DELETE FROM sign_in_attempts WHERE key = ?1";
inline constexpr char kDeleteStaleSignInWindows[] =
    "DELETE FROM sign_in_attempts WHERE window_start <= ?1";

}  // namespace licensor::storage::account_sql
