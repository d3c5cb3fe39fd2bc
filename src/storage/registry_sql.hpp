// Statements of the installation's registry (its log, expiry reminders, webhooks and the outbox
// of deliveries), one text for both stores, from the tables' column lists
// (storage/tables.hpp). The one thing said per store is how registry changes are serialised
// across nodes (RegistryLock).
#pragma once

#include <string>

#include "storage/sql_text.hpp"
#include "storage/table_statements.hpp"

namespace licensor::storage {

struct RegistrySql {
  explicit RegistrySql(Dialect dialect);

  // Serialises registry changes for the rest of the transaction: an advisory lock on
  // PostgreSQL; empty on SQLite, whose single writer already does.
  std::string lock;
  std::string append_entry;  // answers the entry's seq
  std::string list_entries;  // ?1 after, ?2 limit
  std::string list_uploads;
  // Does nothing when the same resource, end and threshold was recorded before.
  std::string insert_reminder;
  std::string list_reminders;  // ?3: include the skipped ones
  TableStatements webhooks;
  std::string list_active_webhooks;
  TableStatements deliveries;
  std::string list_due_deliveries;  // ?1 now, ?2 limit
  std::string list_deliveries;      // ?3 the webhook
  std::string summarize_outbox;
};

}  // namespace licensor::storage
