// Statements of the accounts aggregate (console users, sessions, setup links, daily counts and
// sign-in attempts), one text for both stores: the users', sessions', counts' and windows'
// columns come from their lists (storage/tables.hpp).
#pragma once

#include <string>

#include "storage/sql_text.hpp"
#include "storage/table_statements.hpp"

namespace licensor::storage {

struct AccountSql {
  explicit AccountSql(Dialect dialect);

  // Serialises who may administer (the first administrator, admins' roles) for the rest of the
  // transaction: an advisory lock on PostgreSQL; empty on SQLite, whose single writer already
  // does.
  std::string lock;
  TableStatements users;
  std::string find_user_by_email;  // by core::EmailKey
  std::string list_users;          // ?3: the customer they act for
  std::string count_users;
  std::string count_enabled_admins;

  std::string insert_session;
  std::string find_session;  // by hash
  std::string touch_session;
  std::string delete_session;
  std::string delete_user_sessions;
  std::string delete_stale_sessions;  // idle since ?1 or made before ?2

  std::string insert_setup_link;
  std::string find_setup_link;  // answers expires_at
  std::string delete_setup_links;

  // Adds to the day's figure, so that every node's counts add up.
  std::string add_daily_count;
  std::string list_daily_counts;  // days ?1 to ?2

  // Sign-in throttling: one window of counted attempts per key (an account or a client
  // address). An attempt after the window has run out (?3) opens a new one at ?2. In an UPDATE
  // every right-hand side reads the row as it was, in both stores, so the two CASEs test the
  // same old window. Answers the window as it now stands.
  std::string count_sign_in_attempt;
  std::string get_sign_in_window;
  std::string uncount_sign_in_attempt;
  std::string delete_sign_in_window;
  std::string delete_stale_sign_in_windows;  // opened at or before ?1
};

}  // namespace licensor::storage
