// The installation's registry in PostgreSQL: its log, expiry reminders, webhooks and the outbox
// of webhook deliveries. The statements are one text with SQLite's (storage/registry_sql.hpp).
#include "storage/postgres/pg_results.hpp"
#include "storage/postgres/pg_tx.hpp"
#include "storage/registry_sql.hpp"
#include "storage/tables.hpp"

namespace licensor::storage::postgres {
namespace {

using namespace core;
using namespace rows;  // how the tables' rows are read (storage/tables.hpp)

const RegistrySql& Sql() { return StatementsFor<RegistrySql>(Dialect::kPostgres); }

}  // namespace

Status PgTx::LockRegistry() { return conn_.Query(Sql().lock.c_str()).status(); }

Status PgTx::AppendRegistryEntry(RegistryEntry& e) {
  LICENSOR_ASSIGN_OR_RETURN(
      const auto result,
      conn_.Query(Sql().append_entry.c_str(),
                  PgParams::From(ValuesOf<RegistryEntry>(e, tables::kRegistryLog))));
  e.seq = result.row(0).Int(0);
  return Status::Ok();
}

Result<std::vector<RegistryEntry>> PgTx::ListRegistryEntries(std::int64_t after_seq, int limit) {
  return All<RegistryEntry>(conn_.Query(Sql().list_entries.c_str(), after_seq, limit), kEntry);
}

Result<Page<RegistryEntry>> PgTx::ListRegistryUploads(const PageRequest& page) {
  return PageOf<RegistryEntry>(
      conn_.Query(Sql().list_uploads.c_str(), page.after_seq, page.limit + 1), page.limit, kEntry);
}

Result<bool> PgTx::InsertRegistryReminder(const RegistryReminder& r) {
  LICENSOR_ASSIGN_OR_RETURN(
      const auto result,
      conn_.Query(Sql().insert_reminder.c_str(),
                  PgParams::From(ValuesOf<RegistryReminder>(r, tables::kRegistryReminders))));
  return result.affected() > 0;
}

Result<Page<RegistryReminder>> PgTx::ListRegistryReminders(bool include_skipped,
                                                           const PageRequest& page) {
  return PageOf<RegistryReminder>(
      conn_.Query(Sql().list_reminders.c_str(), page.after_seq, page.limit + 1, include_skipped),
      page.limit, kReminder);
}

Status PgTx::InsertWebhook(const Webhook& w) {
  return InsertRow(conn_, Sql().webhooks.insert, w, tables::kWebhooks);
}

Status PgTx::UpdateWebhook(const Webhook& w) {
  return UpdateRow(conn_, Sql().webhooks.update, w, tables::kWebhooks, "webhook");
}

Result<std::optional<Webhook>> PgTx::GetWebhook(const std::string& id) {
  return One<Webhook>(conn_.Query(Sql().webhooks.get.c_str(), id), kWebhook);
}

Result<Page<Webhook>> PgTx::ListActiveWebhooks(const PageRequest& page) {
  return PageOf<Webhook>(
      conn_.Query(Sql().list_active_webhooks.c_str(), page.after_seq, page.limit + 1), page.limit,
      kWebhook);
}

Status PgTx::InsertWebhookDelivery(const WebhookDelivery& d) {
  return InsertRow(conn_, Sql().deliveries.insert, d, tables::kWebhookDeliveries);
}

Status PgTx::UpdateWebhookDelivery(const WebhookDelivery& d) {
  return UpdateRow(conn_, Sql().deliveries.update, d, tables::kWebhookDeliveries,
                   "webhook delivery");
}

Result<std::vector<WebhookDelivery>> PgTx::ListDueWebhookDeliveries(UnixSeconds now, int limit) {
  return All<WebhookDelivery>(conn_.Query(Sql().list_due_deliveries.c_str(), now, limit),
                              kDelivery);
}

Result<Page<WebhookDelivery>> PgTx::ListWebhookDeliveries(const std::string& webhook_id,
                                                          const PageRequest& page) {
  return PageOf<WebhookDelivery>(
      conn_.Query(Sql().list_deliveries.c_str(), page.after_seq, page.limit + 1, webhook_id),
      page.limit, kDelivery);
}

Result<std::vector<OutboxState>> PgTx::SummarizeWebhookOutbox() {
  return All<OutboxState>(conn_.Query(Sql().summarize_outbox.c_str()), kOutboxState);
}

}  // namespace licensor::storage::postgres
