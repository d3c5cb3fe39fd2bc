// SQLite statements for the installation's registry: its log, expiry reminders, webhooks and
// the outbox of webhook deliveries.
#include "storage/rows.hpp"
#include "storage/sqlite/sqlite_tx.hpp"

namespace licensor::storage::sqlite {
namespace {

using namespace core;

constexpr const char* kAppendRegistryEntry =
    "INSERT INTO registry_log (at, actor, kind, body) VALUES (?1,?2,?3,?4) RETURNING seq";
constexpr const char* kListRegistryEntries =
    "SELECT seq, at, actor, kind, body FROM registry_log WHERE seq > ?1 ORDER BY seq LIMIT ?2";
constexpr const char* kListRegistryUploads =
    "SELECT seq, at, actor, kind, body FROM registry_log WHERE kind = 'upload' AND seq > ?1 "
    "ORDER BY seq LIMIT ?2";

constexpr const char* kInsertReminder =
    "INSERT INTO registry_reminders (id, resource_kind, resource_id, resource_name, expires_at, "
    "threshold_days, created_at, sent) VALUES (?1,?2,?3,?4,?5,?6,?7,?8) "
    "ON CONFLICT (resource_kind, resource_id, expires_at, threshold_days) DO NOTHING";
constexpr const char* kListReminders =
    "SELECT seq, id, resource_kind, resource_id, resource_name, expires_at, threshold_days, "
    "created_at, sent FROM registry_reminders WHERE seq > ?1 AND (?3 OR sent = 1) "
    "ORDER BY seq LIMIT ?2";

#define LICENSOR_WEBHOOK_COLUMNS "seq, id, url, secret, created_at, actor, deleted_at"
constexpr const char* kInsertWebhook =
    "INSERT INTO webhooks (id, url, secret, created_at, actor, deleted_at) "
    "VALUES (?1,?2,?3,?4,?5,?6)";
constexpr const char* kUpdateWebhook =
    "UPDATE webhooks SET url = ?2, deleted_at = ?3 WHERE id = ?1";
constexpr const char* kGetWebhook =
    "SELECT " LICENSOR_WEBHOOK_COLUMNS " FROM webhooks WHERE id = ?1";
constexpr const char* kListActiveWebhooks =
    "SELECT " LICENSOR_WEBHOOK_COLUMNS
    " FROM webhooks WHERE deleted_at IS NULL AND seq > ?1 ORDER BY seq LIMIT ?2";

#define LICENSOR_DELIVERY_COLUMNS                                                       \
  "seq, id, webhook_id, event_id, event_type, body, state, attempts, next_attempt_at, " \
  "delivered_at, last_error, created_at"
constexpr const char* kInsertDelivery =
    "INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_type, body, state, "
    "attempts, next_attempt_at, delivered_at, last_error, created_at) "
    "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)";
constexpr const char* kUpdateDelivery =
    "UPDATE webhook_deliveries SET state = ?2, attempts = ?3, next_attempt_at = ?4, "
    "delivered_at = ?5, last_error = ?6 WHERE id = ?1";
constexpr const char* kListDueDeliveries =
    "SELECT " LICENSOR_DELIVERY_COLUMNS
    " FROM webhook_deliveries "
    "WHERE state = 'PENDING' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, seq LIMIT ?2";
constexpr const char* kListDeliveries = "SELECT " LICENSOR_DELIVERY_COLUMNS
                                        " FROM webhook_deliveries "
                                        "WHERE seq > ?1 AND webhook_id = ?3 ORDER BY seq LIMIT ?2";

}  // namespace

Status SqliteTx::LockRegistry() { return Status::Ok(); }  // the single writer serialises

Status SqliteTx::AppendRegistryEntry(RegistryEntry& e) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kAppendRegistryEntry));
  stmt.Bind(e.at, e.actor, e.kind, e.body);
  LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
  if (!row) return Status::Internal("registry_log insert returned no seq");
  e.seq = stmt.Int(0);
  return Status::Ok();
}

Result<std::vector<RegistryEntry>> SqliteTx::ListRegistryEntries(std::int64_t after_seq,
                                                                 int limit) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListRegistryEntries));
  return ReadAll<RegistryEntry>(stmt.Bind(after_seq, limit), ReadRegistryEntry<Statement>);
}

Result<Page<RegistryEntry>> SqliteTx::ListRegistryUploads(const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListRegistryUploads));
  return ReadPage<RegistryEntry>(stmt.Bind(page.after_seq, page.limit + 1), page.limit,
                                 ReadRegistryEntry<Statement>);
}

Result<bool> SqliteTx::InsertRegistryReminder(const RegistryReminder& r) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertReminder));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(r.id, r.resource_kind, r.resource_id, r.resource_name,
                                     r.expires_at, r.threshold_days, r.created_at, r.sent)
                               .Run());
  return conn_.Changes() > 0;
}

Result<Page<RegistryReminder>> SqliteTx::ListRegistryReminders(bool include_skipped,
                                                               const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListReminders));
  return ReadPage<RegistryReminder>(stmt.Bind(page.after_seq, page.limit + 1, include_skipped),
                                    page.limit, ReadRegistryReminder<Statement>);
}

Status SqliteTx::InsertWebhook(const Webhook& w) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertWebhook));
  return stmt.Bind(w.id, w.url, w.secret, w.created_at, w.actor, w.deleted_at).Run();
}

Status SqliteTx::UpdateWebhook(const Webhook& w) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kUpdateWebhook));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(w.id, w.url, w.deleted_at).Run());
  return ExpectOneRow(conn_, "webhook");
}

Result<std::optional<Webhook>> SqliteTx::GetWebhook(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kGetWebhook));
  return ReadOne<Webhook>(stmt.Bind(id), ReadWebhook<Statement>);
}

Result<Page<Webhook>> SqliteTx::ListActiveWebhooks(const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListActiveWebhooks));
  return ReadPage<Webhook>(stmt.Bind(page.after_seq, page.limit + 1), page.limit,
                           ReadWebhook<Statement>);
}

Status SqliteTx::InsertWebhookDelivery(const WebhookDelivery& d) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertDelivery));
  return stmt
      .Bind(d.id, d.webhook_id, d.event_id, d.event_type, d.body, d.state, d.attempts,
            d.next_attempt_at, d.delivered_at, d.last_error, d.created_at)
      .Run();
}

Status SqliteTx::UpdateWebhookDelivery(const WebhookDelivery& d) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kUpdateDelivery));
  LICENSOR_RETURN_IF_ERROR(
      stmt.Bind(d.id, d.state, d.attempts, d.next_attempt_at, d.delivered_at, d.last_error).Run());
  return ExpectOneRow(conn_, "webhook delivery");
}

Result<std::vector<WebhookDelivery>> SqliteTx::ListDueWebhookDeliveries(UnixSeconds now,
                                                                        int limit) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListDueDeliveries));
  return ReadAll<WebhookDelivery>(stmt.Bind(now, limit), ReadWebhookDelivery<Statement>);
}

Result<Page<WebhookDelivery>> SqliteTx::ListWebhookDeliveries(const std::string& webhook_id,
                                                              const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListDeliveries));
  return ReadPage<WebhookDelivery>(stmt.Bind(page.after_seq, page.limit + 1, webhook_id),
                                   page.limit, ReadWebhookDelivery<Statement>);
}

}  // namespace licensor::storage::sqlite
