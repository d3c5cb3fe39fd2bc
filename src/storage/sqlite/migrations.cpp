// Schema history. Never edit a shipped migration; append a new one.
#include "storage/sqlite/migrations.hpp"

#include <string>

#include "storage/account_sql.hpp"
#include "storage/activation_component_sql.hpp"
#include "storage/license_code_sql.hpp"

namespace licensor::storage::sqlite {
namespace {

constexpr const char* kMigrations[] = {
    // 1: the licensing spine and the audit log.
    R"sql(
CREATE TABLE tokens (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  role TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, revoked_at INTEGER);
CREATE TABLE products (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE customers (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  email TEXT NOT NULL, parent_id TEXT REFERENCES customers(id),
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX customers_parent ON customers(parent_id);
CREATE TABLE policies (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
  product_id TEXT NOT NULL REFERENCES products(id), name TEXT NOT NULL,
  duration_days INTEGER, validity_basis TEXT NOT NULL, max_activations INTEGER NOT NULL,
  features TEXT NOT NULL, deployment_mode TEXT NOT NULL, trial INTEGER NOT NULL,
  heartbeat_interval_s INTEGER, heartbeat_grace_s INTEGER NOT NULL, dead_activation TEXT NOT NULL,
  fp_components TEXT NOT NULL, fp_min_matching INTEGER NOT NULL, expiry_grace_days INTEGER NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX policies_product ON policies(product_id);
CREATE TABLE licenses (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, code TEXT NOT NULL UNIQUE,
  policy_id TEXT NOT NULL REFERENCES policies(id), product_id TEXT NOT NULL REFERENCES products(id),
  customer_id TEXT NOT NULL REFERENCES customers(id), status TEXT NOT NULL,
  duration_days INTEGER, validity_basis TEXT NOT NULL, expires_at INTEGER,
  max_activations INTEGER NOT NULL, features TEXT NOT NULL, version INTEGER NOT NULL,
  first_activated_at INTEGER, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  activations_count INTEGER NOT NULL DEFAULT 0,
  stale_activations INTEGER NOT NULL DEFAULT 0);
CREATE INDEX licenses_customer ON licenses(customer_id);
CREATE INDEX licenses_policy ON licenses(policy_id);
CREATE INDEX licenses_product ON licenses(product_id);
CREATE INDEX licenses_status_expiry ON licenses(status, expires_at);
CREATE TABLE activations (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
  license_id TEXT NOT NULL REFERENCES licenses(id), fingerprint TEXT NOT NULL,
  components TEXT NOT NULL, hostname TEXT NOT NULL, platform TEXT NOT NULL, state TEXT NOT NULL,
  fetched_version INTEGER NOT NULL, activated_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL,
  UNIQUE (license_id, fingerprint));
CREATE INDEX activations_alive ON activations(state, last_seen_at);
-- licenses.activations_count and licenses.stale_activations (activations that have not fetched
-- the license's current version) are kept by these triggers in the same transaction as the
-- change, so reading them is O(1) and they can never drift from the rows they count.
CREATE TRIGGER activations_count_insert AFTER INSERT ON activations BEGIN
  UPDATE licenses SET activations_count = activations_count + 1,
    stale_activations = stale_activations + (NEW.fetched_version < version)
  WHERE id = NEW.license_id;
END;
CREATE TRIGGER activations_count_delete AFTER DELETE ON activations BEGIN
  UPDATE licenses SET activations_count = activations_count - 1,
    stale_activations = stale_activations - (OLD.fetched_version < version)
  WHERE id = OLD.license_id;
END;
CREATE TRIGGER activations_fetched_version AFTER UPDATE OF fetched_version ON activations
WHEN NEW.fetched_version <> OLD.fetched_version BEGIN
  UPDATE licenses SET stale_activations = stale_activations
    + (NEW.fetched_version < version) - (OLD.fetched_version < version)
  WHERE id = NEW.license_id;
END;
CREATE TRIGGER licenses_version AFTER UPDATE OF version ON licenses
WHEN NEW.version <> OLD.version BEGIN
  UPDATE licenses SET stale_activations = (SELECT COUNT(*) FROM activations
    WHERE license_id = NEW.id AND fetched_version < NEW.version)
  WHERE id = NEW.id;
END;
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, at INTEGER NOT NULL,
  actor TEXT NOT NULL, action TEXT NOT NULL, resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL);
CREATE INDEX events_resource ON events(resource_type, resource_id);
CREATE INDEX events_at ON events(at);
)sql",
    // 2: offline activations, made by issuing a license file for a collected fingerprint. They
    // send no heartbeats, so the dead-activation job leaves them alone.
    R"sql(
ALTER TABLE activations ADD COLUMN offline INTEGER NOT NULL DEFAULT 0;
)sql",
    // 3: installations of the platform-and-agents model and the files issued for them.
    R"sql(
CREATE TABLE installations (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
  customer_id TEXT NOT NULL REFERENCES customers(id), tenant_id TEXT NOT NULL,
  environment TEXT NOT NULL, name TEXT NOT NULL, license_id TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL);
CREATE INDEX installations_customer ON installations(customer_id);
CREATE TABLE installation_files (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
  installation_id TEXT NOT NULL REFERENCES installations(id), kind TEXT NOT NULL,
  version BIGINT NOT NULL, issued_at BIGINT NOT NULL, actor TEXT NOT NULL, file TEXT NOT NULL);
CREATE INDEX installation_files_installation ON installation_files(installation_id, kind);
)sql",
    // 4: the installation's license registry: a log its state is folded from.
    R"sql(
CREATE TABLE registry_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, at BIGINT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL);
)sql",
    // 5: expiry reminders (the primary key makes each one happen once, whatever the nodes), the
    // webhooks they are sent to, and the outbox of deliveries.
    R"sql(
CREATE TABLE registry_reminders (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
  resource_kind TEXT NOT NULL, resource_id TEXT NOT NULL, resource_name TEXT NOT NULL,
  expires_at BIGINT NOT NULL, threshold_days INTEGER NOT NULL, created_at BIGINT NOT NULL,
  sent INTEGER NOT NULL,
  UNIQUE (resource_kind, resource_id, expires_at, threshold_days));
CREATE TABLE webhooks (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, url TEXT NOT NULL,
  secret TEXT NOT NULL, created_at BIGINT NOT NULL, actor TEXT NOT NULL, deleted_at BIGINT);
CREATE TABLE webhook_deliveries (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
  webhook_id TEXT NOT NULL REFERENCES webhooks(id), event_id TEXT NOT NULL,
  event_type TEXT NOT NULL, body TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL, delivered_at BIGINT, last_error TEXT NOT NULL,
  created_at BIGINT NOT NULL);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries(webhook_id, seq);
)sql",
    // 6: device day-cards (seed 002): device models, card types, devices, cards, what was done
    // to each card, and deductions, one per device and period (the unique key makes it so).
    R"sql(
ALTER TABLE customers ADD COLUMN allow_superior_manage_licenses INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tokens ADD COLUMN customer_id TEXT REFERENCES customers(id);
CREATE TABLE device_models (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL);
CREATE TABLE card_types (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  models TEXT NOT NULL, max_days BIGINT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE devices (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, number TEXT NOT NULL UNIQUE,
  model TEXT NOT NULL REFERENCES device_models(name), customer_id TEXT NOT NULL REFERENCES customers(id),
  credential_hash TEXT NOT NULL UNIQUE, blacklisted INTEGER NOT NULL, blacklisted_at BIGINT,
  usage_until BIGINT, created_at BIGINT NOT NULL);
CREATE INDEX devices_customer ON devices(customer_id, seq);
CREATE TABLE cards (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, number TEXT NOT NULL UNIQUE,
  type_code TEXT NOT NULL REFERENCES card_types(code), total_days BIGINT NOT NULL,
  available_days BIGINT NOT NULL CHECK (available_days >= 0), activated_at BIGINT,
  device_number TEXT REFERENCES devices(number), bound_at BIGINT,
  customer_id TEXT NOT NULL REFERENCES customers(id), locked INTEGER NOT NULL, created_at BIGINT NOT NULL);
CREATE INDEX cards_customer ON cards(customer_id, seq);
CREATE INDEX cards_device ON cards(device_number) WHERE device_number IS NOT NULL;
CREATE TABLE card_records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, card_number TEXT NOT NULL, type_code TEXT NOT NULL,
  kind TEXT NOT NULL, from_customer TEXT, to_customer TEXT, device_number TEXT, days BIGINT,
  actor TEXT NOT NULL, at BIGINT NOT NULL);
CREATE INDEX card_records_card ON card_records(card_number, seq);
CREATE TABLE deductions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, card_number TEXT NOT NULL, device_number TEXT NOT NULL,
  customer_id TEXT NOT NULL, period_start BIGINT NOT NULL, at BIGINT NOT NULL,
  days BIGINT NOT NULL, balance_after BIGINT NOT NULL,
  UNIQUE (device_number, period_start));
CREATE INDEX deductions_card ON deductions(card_number, seq);
)sql",
    // 7: each device's payer carries its usage time (see storage/card_sql.hpp), so the daily
    // run writes only the cards it charges and their records. "Once per period" is the
    // conditional charge of the device's one payer. The records keep one index, by device (a
    // card's are found through the devices its records name): the unique key on device and
    // period and the index by card made every run write two more indexes of a table growing by
    // a million rows a day.
    R"sql(
ALTER TABLE cards ADD COLUMN paying INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cards ADD COLUMN paid_until BIGINT;
UPDATE cards SET paying = 1, paid_until = (SELECT usage_until FROM devices d WHERE
  d.number = cards.device_number) WHERE device_number IS NOT NULL AND seq = (SELECT p.seq FROM
  cards p WHERE p.device_number = cards.device_number AND p.available_days > 0 ORDER BY
  p.activated_at IS NULL, p.activated_at, p.bound_at, p.seq LIMIT 1) AND (SELECT blacklisted
  FROM devices d WHERE d.number = cards.device_number) = 0;
UPDATE devices SET usage_until = NULL WHERE EXISTS (SELECT 1 FROM cards WHERE paying = 1 AND
  device_number = devices.number);
CREATE UNIQUE INDEX cards_payer ON cards(device_number) WHERE paying;
CREATE INDEX cards_exhausted ON cards(device_number, paying, paid_until)
  WHERE available_days = 0 AND device_number IS NOT NULL;
CREATE TABLE deductions_v7 (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, card_number TEXT NOT NULL, device_number TEXT NOT NULL,
  customer_id TEXT NOT NULL, period_start BIGINT NOT NULL, at BIGINT NOT NULL,
  days BIGINT NOT NULL, balance_after BIGINT NOT NULL);
INSERT INTO deductions_v7 SELECT seq, card_number, device_number, customer_id, period_start, at,
  days, balance_after FROM deductions;
DROP TABLE deductions;
ALTER TABLE deductions_v7 RENAME TO deductions;
CREATE INDEX deductions_device ON deductions(device_number, seq);
)sql",
    // 8: activations indexed by each component's value, so that a machine with a replaced part
    // is found among the activations sharing one of its components, not by reading every
    // activation of the license. Kept by triggers in the transaction of the change, like the
    // activation counts. And by license in order, for the paged list of a license's activations.
    R"sql(
CREATE TABLE activation_components (
  license_id TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, activation_id TEXT NOT NULL);
CREATE INDEX activation_components_value ON activation_components(license_id, name, value);
CREATE INDEX activation_components_activation ON activation_components(activation_id);
-- A license's activations are listed a page at a time in the order they were made.
CREATE INDEX activations_license ON activations(license_id, seq);
INSERT INTO activation_components SELECT a.license_id, c.key, c.value, a.id
  FROM activations a, json_each(a.components) c;
CREATE TRIGGER activation_components_insert AFTER INSERT ON activations BEGIN
  INSERT INTO activation_components SELECT NEW.license_id, key, value, NEW.id
    FROM json_each(NEW.components);
END;
CREATE TRIGGER activation_components_update AFTER UPDATE OF components, license_id ON activations
WHEN NEW.components <> OLD.components OR NEW.license_id <> OLD.license_id BEGIN
  DELETE FROM activation_components WHERE activation_id = OLD.id;
  INSERT INTO activation_components SELECT NEW.license_id, key, value, NEW.id
    FROM json_each(NEW.components);
END;
CREATE TRIGGER activation_components_delete AFTER DELETE ON activations BEGIN
  DELETE FROM activation_components WHERE activation_id = OLD.id;
END;
)sql",
    // 9: the client address of each audited change (behind trusted proxies, the client's).
    R"sql(
ALTER TABLE events ADD COLUMN address TEXT NOT NULL DEFAULT '';
)sql",
    // 10: the registry's uploads are listed a page at a time without reading its other entries.
    R"sql(
CREATE INDEX registry_log_kind ON registry_log(kind, seq);
)sql",
    // 11: how long a client runs past its file's refresh-by, apart from the server's grace.
    R"sql(
ALTER TABLE policies ADD COLUMN offline_grace_s BIGINT;
)sql",
    // 12: the console's users, their sessions, the first administrator's setup link, and the
    // dashboard's daily counts (storage/account_sql.hpp).
    LICENSOR_ACCOUNTS_DDL("INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER",
                          "INTEGER NOT NULL DEFAULT 0"),
    // 13: sign-in attempts, counted in the store by every node (storage/account_sql.hpp).
    LICENSOR_SIGN_IN_ATTEMPTS_DDL("INTEGER"),
    // 14: the component index covers the similarity search (storage/activation_component_sql.hpp).
    LICENSOR_COVERING_COMPONENT_INDEX_DDL,
    // 15: a license code is found whatever its case (storage/license_code_sql.hpp).
    LICENSOR_FOLDED_LICENSE_CODE_INDEX_DDL,
};

}  // namespace

Status Migrate(Connection& conn, std::int64_t up_to) {
  std::int64_t current = 0;
  {  // scoped so the statement is reset before any schema change
    LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn.Prepare("PRAGMA user_version"));
    LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
    if (row) current = stmt.Int(0);
  }
  const std::int64_t known = static_cast<std::int64_t>(std::size(kMigrations));
  if (current > known) {
    return Status::Internal("database schema version " + std::to_string(current) +
                            " is newer than this licensord supports (" + std::to_string(known) +
                            "); upgrade licensord");
  }
  const std::int64_t target = up_to < 0 ? known : std::min(up_to, known);
  for (std::int64_t v = current; v < target; ++v) {
    LICENSOR_RETURN_IF_ERROR(conn.Exec("BEGIN IMMEDIATE"));
    Status s = conn.Exec(kMigrations[v]);
    if (s.ok()) s = conn.Exec(("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
    if (!s.ok()) {
      (void)conn.Exec("ROLLBACK");
      return s;
    }
    LICENSOR_RETURN_IF_ERROR(conn.Exec("COMMIT"));
  }
  return Status::Ok();
}

}  // namespace licensor::storage::sqlite
