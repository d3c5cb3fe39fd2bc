#include "storage/registry_sql.hpp"

#include "storage/tables.hpp"

namespace licensor::storage {
namespace {

// An arbitrary constant naming the registry among the database's advisory locks.
constexpr const char* kPostgresRegistryLock = "SELECT pg_advisory_xact_lock(7364501223)";

}  // namespace

RegistrySql::RegistrySql(Dialect d)
    : lock(d == Dialect::kPostgres ? kPostgresRegistryLock : ""),
      webhooks(StatementsOf("webhooks", tables::kWebhooks, d)),
      deliveries(StatementsOf("webhook_deliveries", tables::kWebhookDeliveries, d)) {
  using tables::kRegistryLog;
  const std::string log_columns = NameList<core::RegistryEntry>(kRegistryLog);
  const std::string log = "SELECT seq, " + log_columns + " FROM registry_log";
  append_entry = InDialect("INSERT INTO registry_log (" + log_columns + ") VALUES (" +
                               Placeholders(std::size(kRegistryLog)) + ") RETURNING seq",
                           d);
  list_entries = InDialect(Paged(log, ""), d);
  list_uploads = InDialect(Paged(log, " AND kind = 'upload'"), d);

  using tables::kRegistryReminders;
  const std::string reminder_columns = NameList<core::RegistryReminder>(kRegistryReminders);
  insert_reminder = InDialect(
      "INSERT INTO registry_reminders (" + reminder_columns + ") VALUES (" +
          Placeholders(std::size(kRegistryReminders)) +
          ") ON CONFLICT (resource_kind, resource_id, expires_at, threshold_days) DO NOTHING",
      d);
  list_reminders = InDialect(Paged("SELECT seq, " + reminder_columns + " FROM registry_reminders",
                                   " AND (CAST(?3 AS BOOLEAN) OR sent)"),
                             d);

  list_active_webhooks = InDialect(Paged(webhooks.select, " AND deleted_at IS NULL"), d);
  list_due_deliveries = InDialect(deliveries.select +
                                      " WHERE state = 'PENDING' AND next_attempt_at <= ?1 "
                                      "ORDER BY next_attempt_at, seq LIMIT ?2",
                                  d);
  list_deliveries = InDialect(Paged(deliveries.select, " AND webhook_id = ?3"), d);
  summarize_outbox = "SELECT " + SelectList<core::OutboxState>(tables::kOutboxStates) +
                     " FROM webhook_deliveries WHERE state IN ('PENDING', 'FAILED') GROUP BY state";
}

}  // namespace licensor::storage
