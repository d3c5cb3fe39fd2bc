// PostgreSQL statements for the installation's registry: its log, expiry reminders, webhooks
// and the outbox of webhook deliveries.
#include "storage/postgres/pg_results.hpp"
#include "storage/postgres/pg_tx.hpp"
#include "storage/rows.hpp"

namespace licensor::storage::postgres {
namespace {

using namespace core;

constexpr const char* kAppendRegistryEntry =
    "INSERT INTO registry_log (at, actor, kind, body) VALUES ($1,$2,$3,$4) RETURNING seq";
constexpr const char* kListRegistryEntries =
    "SELECT seq, at, actor, kind, body FROM registry_log WHERE seq > $1 ORDER BY seq LIMIT $2";
constexpr const char* kListRegistryUploads =
    "SELECT seq, at, actor, kind, body FROM registry_log WHERE kind = 'upload' AND seq > $1 "
    "ORDER BY seq LIMIT $2";
// An arbitrary constant naming the registry among the database's advisory locks.
constexpr const char* kLockRegistry = "SELECT pg_advisory_xact_lock(7364501223)";

constexpr const char* kInsertReminder =
    "INSERT INTO registry_reminders (id, resource_kind, resource_id, resource_name, expires_at, "
    "threshold_days, created_at, sent) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) "
    "ON CONFLICT (resource_kind, resource_id, expires_at, threshold_days) DO NOTHING";
constexpr const char* kListReminders =
    "SELECT seq, id, resource_kind, resource_id, resource_name, expires_at, threshold_days, "
    "created_at, sent FROM registry_reminders WHERE seq > $1 AND ($3::boolean OR sent) "
    "ORDER BY seq LIMIT $2";

#define LICENSOR_PG_WEBHOOK \
  "SELECT seq, id, url, secret, created_at, actor, deleted_at FROM webhooks "
constexpr const char* kInsertWebhook =
    "INSERT INTO webhooks (id, url, secret, created_at, actor, deleted_at) "
    "VALUES ($1,$2,$3,$4,$5,$6)";
constexpr const char* kUpdateWebhook =
    "UPDATE webhooks SET url = $2, deleted_at = $3 WHERE id = $1";
constexpr const char* kGetWebhook = LICENSOR_PG_WEBHOOK "WHERE id = $1";
constexpr const char* kListActiveWebhooks =
    LICENSOR_PG_WEBHOOK "WHERE deleted_at IS NULL AND seq > $1 ORDER BY seq LIMIT $2";

#define LICENSOR_PG_DELIVERY                                                                   \
  "SELECT seq, id, webhook_id, event_id, event_type, body, state, attempts, next_attempt_at, " \
  "delivered_at, last_error, created_at FROM webhook_deliveries "
constexpr const char* kInsertDelivery =
    "INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_type, body, state, "
    "attempts, next_attempt_at, delivered_at, last_error, created_at) "
    "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)";
constexpr const char* kUpdateDelivery =
    "UPDATE webhook_deliveries SET state = $2, attempts = $3, next_attempt_at = $4, "
    "delivered_at = $5, last_error = $6 WHERE id = $1";
constexpr const char* kListDueDeliveries = LICENSOR_PG_DELIVERY
    "WHERE state = 'PENDING' AND next_attempt_at <= $1 ORDER BY next_attempt_at, seq LIMIT $2";
constexpr const char* kListDeliveries =
    LICENSOR_PG_DELIVERY "WHERE seq > $1 AND webhook_id = $3 ORDER BY seq LIMIT $2";

}  // namespace

Status PgTx::LockRegistry() { return conn_.Query(kLockRegistry).status(); }

Status PgTx::AppendRegistryEntry(RegistryEntry& e) {
  LICENSOR_ASSIGN_OR_RETURN(const auto result,
                            conn_.Query(kAppendRegistryEntry, e.at, e.actor, e.kind, e.body));
  e.seq = result.row(0).Int(0);
  return Status::Ok();
}

Result<std::vector<RegistryEntry>> PgTx::ListRegistryEntries(std::int64_t after_seq, int limit) {
  return All<RegistryEntry>(conn_.Query(kListRegistryEntries, after_seq, limit),
                            ReadRegistryEntry<PgRow>);
}

Result<Page<RegistryEntry>> PgTx::ListRegistryUploads(const PageRequest& page) {
  return PageOf<RegistryEntry>(conn_.Query(kListRegistryUploads, page.after_seq, page.limit + 1),
                               page.limit, ReadRegistryEntry<PgRow>);
}

Result<bool> PgTx::InsertRegistryReminder(const RegistryReminder& r) {
  LICENSOR_ASSIGN_OR_RETURN(
      const auto result,
      conn_.Query(kInsertReminder, r.id, r.resource_kind, r.resource_id, r.resource_name,
                  r.expires_at, r.threshold_days, r.created_at, r.sent));
  return result.affected() > 0;
}

Result<Page<RegistryReminder>> PgTx::ListRegistryReminders(bool include_skipped,
                                                           const PageRequest& page) {
  return PageOf<RegistryReminder>(
      conn_.Query(kListReminders, page.after_seq, page.limit + 1, include_skipped), page.limit,
      ReadRegistryReminder<PgRow>);
}

Status PgTx::InsertWebhook(const Webhook& w) {
  return conn_.Query(kInsertWebhook, w.id, w.url, w.secret, w.created_at, w.actor, w.deleted_at)
      .status();
}

Status PgTx::UpdateWebhook(const Webhook& w) {
  return Changed(conn_.Query(kUpdateWebhook, w.id, w.url, w.deleted_at), "webhook");
}

Result<std::optional<Webhook>> PgTx::GetWebhook(const std::string& id) {
  return One<Webhook>(conn_.Query(kGetWebhook, id), ReadWebhook<PgRow>);
}

Result<Page<Webhook>> PgTx::ListActiveWebhooks(const PageRequest& page) {
  return PageOf<Webhook>(conn_.Query(kListActiveWebhooks, page.after_seq, page.limit + 1),
                         page.limit, ReadWebhook<PgRow>);
}

Status PgTx::InsertWebhookDelivery(const WebhookDelivery& d) {
  return conn_
      .Query(kInsertDelivery, d.id, d.webhook_id, d.event_id, d.event_type, d.body, d.state,
             d.attempts, d.next_attempt_at, d.delivered_at, d.last_error, d.created_at)
      .status();
}

Status PgTx::UpdateWebhookDelivery(const WebhookDelivery& d) {
  return Changed(conn_.Query(kUpdateDelivery, d.id, d.state, d.attempts, d.next_attempt_at,
                             d.delivered_at, d.last_error),
                 "webhook delivery");
}

Result<std::vector<WebhookDelivery>> PgTx::ListDueWebhookDeliveries(UnixSeconds now, int limit) {
  return All<WebhookDelivery>(conn_.Query(kListDueDeliveries, now, limit),
                              ReadWebhookDelivery<PgRow>);
}

Result<Page<WebhookDelivery>> PgTx::ListWebhookDeliveries(const std::string& webhook_id,
                                                          const PageRequest& page) {
  return PageOf<WebhookDelivery>(
      conn_.Query(kListDeliveries, page.after_seq, page.limit + 1, webhook_id), page.limit,
      ReadWebhookDelivery<PgRow>);
}

}  // namespace licensor::storage::postgres
