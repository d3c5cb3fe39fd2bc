// The installation's registry in SQLite: its log, expiry reminders, webhooks and the outbox of
// webhook deliveries. The statements are one text with PostgreSQL's (storage/registry_sql.hpp).
#include "storage/registry_sql.hpp"
#include "storage/sqlite/sqlite_tx.hpp"
#include "storage/tables.hpp"

namespace licensor::storage::sqlite {
namespace {

using namespace core;
using namespace rows;  // how the tables' rows are read (storage/tables.hpp)

const RegistrySql& Sql() { return StatementsFor<RegistrySql>(Dialect::kSqlite); }

}  // namespace

Status SqliteTx::LockRegistry() { return Status::Ok(); }  // the single writer serialises

Status SqliteTx::AppendRegistryEntry(RegistryEntry& e) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().append_entry.c_str()));
  LICENSOR_ASSIGN_OR_RETURN(
      e.seq, InsertReturningSeq(stmt.BindAll(ValuesOf<RegistryEntry>(e, tables::kRegistryLog))));
  return Status::Ok();
}

Result<std::vector<RegistryEntry>> SqliteTx::ListRegistryEntries(std::int64_t after_seq,
                                                                 int limit) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_entries.c_str()));
  return ReadAll<RegistryEntry>(stmt.Bind(after_seq, limit), kEntry);
}

Result<Page<RegistryEntry>> SqliteTx::ListRegistryUploads(const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_uploads.c_str()));
  return ReadPage<RegistryEntry>(stmt.Bind(page.after_seq, page.limit + 1), page.limit, kEntry);
}

Result<bool> SqliteTx::InsertRegistryReminder(const RegistryReminder& r) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().insert_reminder.c_str()));
  LICENSOR_RETURN_IF_ERROR(
      stmt.BindAll(ValuesOf<RegistryReminder>(r, tables::kRegistryReminders)).Run());
  return conn_.Changes() > 0;
}

Result<Page<RegistryReminder>> SqliteTx::ListRegistryReminders(bool include_skipped,
                                                               const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_reminders.c_str()));
  return ReadPage<RegistryReminder>(stmt.Bind(page.after_seq, page.limit + 1, include_skipped),
                                    page.limit, kReminder);
}

Status SqliteTx::InsertWebhook(const Webhook& w) {
  return InsertRow(conn_, Sql().webhooks.insert, w, tables::kWebhooks);
}

Status SqliteTx::UpdateWebhook(const Webhook& w) {
  return UpdateRow(conn_, Sql().webhooks.update, w, tables::kWebhooks, "webhook");
}

Result<std::optional<Webhook>> SqliteTx::GetWebhook(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().webhooks.get.c_str()));
  return ReadOne<Webhook>(stmt.Bind(id), kWebhook);
}

Result<Page<Webhook>> SqliteTx::ListActiveWebhooks(const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_active_webhooks.c_str()));
  return ReadPage<Webhook>(stmt.Bind(page.after_seq, page.limit + 1), page.limit, kWebhook);
}

Status SqliteTx::InsertWebhookDelivery(const WebhookDelivery& d) {
  return InsertRow(conn_, Sql().deliveries.insert, d, tables::kWebhookDeliveries);
}

Status SqliteTx::UpdateWebhookDelivery(const WebhookDelivery& d) {
  return UpdateRow(conn_, Sql().deliveries.update, d, tables::kWebhookDeliveries,
                   "webhook delivery");
}

Result<std::vector<WebhookDelivery>> SqliteTx::ListDueWebhookDeliveries(UnixSeconds now,
                                                                        int limit) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_due_deliveries.c_str()));
  return ReadAll<WebhookDelivery>(stmt.Bind(now, limit), kDelivery);
}

Result<Page<WebhookDelivery>> SqliteTx::ListWebhookDeliveries(const std::string& webhook_id,
                                                              const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_deliveries.c_str()));
  return ReadPage<WebhookDelivery>(stmt.Bind(page.after_seq, page.limit + 1, webhook_id),
                                   page.limit, kDelivery);
}

Result<std::vector<OutboxState>> SqliteTx::SummarizeWebhookOutbox() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().summarize_outbox.c_str()));
  return ReadAll<OutboxState>(stmt, kOutboxState);
}

}  // namespace licensor::storage::sqlite
