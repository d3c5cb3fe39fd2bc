// PostgreSQL schema history: the same tables as the SQLite store, in PostgreSQL's dialect.
// Never edit a shipped migration; append a new one.
#include "storage/postgres/pg_migrations.hpp"

#include <iterator>
#include <string>

#include "storage/account_sql.hpp"
#include "storage/activation_component_sql.hpp"
#include "storage/license_code_sql.hpp"

namespace licensor::storage::postgres {
namespace {

constexpr const char* kMigrations[] = {
    // 1: the licensing spine and the audit log.
    R"sql(
CREATE TABLE tokens (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL, revoked_at BIGINT);
CREATE TABLE products (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
CREATE TABLE customers (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, email TEXT NOT NULL,
  parent_id TEXT REFERENCES customers(id), created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
CREATE INDEX customers_parent ON customers(parent_id);
CREATE TABLE policies (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE,
  product_id TEXT NOT NULL REFERENCES products(id), name TEXT NOT NULL,
  duration_days BIGINT, validity_basis TEXT NOT NULL, max_activations BIGINT NOT NULL,
  features TEXT NOT NULL, deployment_mode TEXT NOT NULL, trial BOOLEAN NOT NULL,
  heartbeat_interval_s BIGINT, heartbeat_grace_s BIGINT NOT NULL, dead_activation TEXT NOT NULL,
  fp_components TEXT NOT NULL, fp_min_matching BIGINT NOT NULL, expiry_grace_days BIGINT NOT NULL,
  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
CREATE INDEX policies_product ON policies(product_id);
CREATE TABLE licenses (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, code TEXT NOT NULL UNIQUE,
  policy_id TEXT NOT NULL REFERENCES policies(id), product_id TEXT NOT NULL REFERENCES products(id),
  customer_id TEXT NOT NULL REFERENCES customers(id), status TEXT NOT NULL,
  duration_days BIGINT, validity_basis TEXT NOT NULL, expires_at BIGINT,
  max_activations BIGINT NOT NULL, features TEXT NOT NULL, version BIGINT NOT NULL,
  first_activated_at BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
  activations_count BIGINT NOT NULL DEFAULT 0, stale_activations BIGINT NOT NULL DEFAULT 0);
CREATE INDEX licenses_customer ON licenses(customer_id);
CREATE INDEX licenses_policy ON licenses(policy_id);
CREATE INDEX licenses_product ON licenses(product_id);
CREATE INDEX licenses_status_expiry ON licenses(status, expires_at);
CREATE TABLE activations (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE,
  license_id TEXT NOT NULL REFERENCES licenses(id), fingerprint TEXT NOT NULL,
  components TEXT NOT NULL, hostname TEXT NOT NULL, platform TEXT NOT NULL, state TEXT NOT NULL,
  fetched_version BIGINT NOT NULL, activated_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL,
  UNIQUE (license_id, fingerprint));
CREATE INDEX activations_alive ON activations(state, last_seen_at);
CREATE TABLE events (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, at BIGINT NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL,
  before TEXT NOT NULL, after TEXT NOT NULL);
CREATE INDEX events_resource ON events(resource_type, resource_id);
CREATE INDEX events_at ON events(at);

-- licenses.activations_count and licenses.stale_activations are kept by triggers in the
-- transaction of the change, as in the SQLite store (see its migrations for why).
CREATE FUNCTION licensor_activation_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE licenses SET activations_count = activations_count + 1,
      stale_activations = stale_activations + (NEW.fetched_version < version)::int
    WHERE id = NEW.license_id;
    RETURN NEW;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE licenses SET activations_count = activations_count - 1,
      stale_activations = stale_activations - (OLD.fetched_version < version)::int
    WHERE id = OLD.license_id;
    RETURN OLD;
  END IF;
  IF NEW.fetched_version <> OLD.fetched_version THEN
    UPDATE licenses SET stale_activations = stale_activations
      + (NEW.fetched_version < version)::int - (OLD.fetched_version < version)::int
    WHERE id = NEW.license_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER activation_counts AFTER INSERT OR DELETE OR UPDATE OF fetched_version
  ON activations FOR EACH ROW EXECUTE FUNCTION licensor_activation_counts();
CREATE FUNCTION licensor_license_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.version <> OLD.version THEN
    NEW.stale_activations := (SELECT COUNT(*) FROM activations
                              WHERE license_id = NEW.id AND fetched_version < NEW.version);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER license_version BEFORE UPDATE OF version ON licenses
  FOR EACH ROW EXECUTE FUNCTION licensor_license_version();
)sql",
    // 2: offline activations (see the SQLite migration of the same number).
    R"sql(
ALTER TABLE activations ADD COLUMN offline INTEGER NOT NULL DEFAULT 0;
)sql",
    // 3: installations (see the SQLite migration of the same number).
    R"sql(
CREATE TABLE installations (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE,
  customer_id TEXT NOT NULL REFERENCES customers(id), tenant_id TEXT NOT NULL,
  environment TEXT NOT NULL, name TEXT NOT NULL, license_id TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL);
CREATE INDEX installations_customer ON installations(customer_id);
CREATE TABLE installation_files (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE,
  installation_id TEXT NOT NULL REFERENCES installations(id), kind TEXT NOT NULL,
  version BIGINT NOT NULL, issued_at BIGINT NOT NULL, actor TEXT NOT NULL, file TEXT NOT NULL);
CREATE INDEX installation_files_installation ON installation_files(installation_id, kind);
)sql",
    // 4: the registry log (see the SQLite migration of the same number).
    R"sql(
CREATE TABLE registry_log (
  seq BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL);
)sql",
    // 5: reminders, webhooks and their deliveries (see the SQLite migration of the same number).
    R"sql(
CREATE TABLE registry_reminders (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE,
  resource_kind TEXT NOT NULL, resource_id TEXT NOT NULL, resource_name TEXT NOT NULL,
  expires_at BIGINT NOT NULL, threshold_days INTEGER NOT NULL, created_at BIGINT NOT NULL,
  sent BOOLEAN NOT NULL,
  UNIQUE (resource_kind, resource_id, expires_at, threshold_days));
CREATE TABLE webhooks (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, url TEXT NOT NULL,
  secret TEXT NOT NULL, created_at BIGINT NOT NULL, actor TEXT NOT NULL, deleted_at BIGINT);
CREATE TABLE webhook_deliveries (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE,
  webhook_id TEXT NOT NULL REFERENCES webhooks(id), event_id TEXT NOT NULL,
  event_type TEXT NOT NULL, body TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL, delivered_at BIGINT, last_error TEXT NOT NULL,
  created_at BIGINT NOT NULL);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries(webhook_id, seq);
)sql",
    // 6: device day-cards (see the SQLite migration of the same number).
    R"sql(
ALTER TABLE customers ADD COLUMN allow_superior_manage_licenses BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE tokens ADD COLUMN customer_id TEXT REFERENCES customers(id);
CREATE TABLE device_models (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL);
CREATE TABLE card_types (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  models TEXT NOT NULL, max_days BIGINT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE devices (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, number TEXT NOT NULL UNIQUE,
  model TEXT NOT NULL REFERENCES device_models(name), customer_id TEXT NOT NULL REFERENCES customers(id),
  credential_hash TEXT NOT NULL UNIQUE, blacklisted BOOLEAN NOT NULL, blacklisted_at BIGINT,
  usage_until BIGINT, created_at BIGINT NOT NULL);
CREATE INDEX devices_customer ON devices(customer_id, seq);
CREATE TABLE cards (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, number TEXT NOT NULL UNIQUE,
  type_code TEXT NOT NULL REFERENCES card_types(code), total_days BIGINT NOT NULL,
  available_days BIGINT NOT NULL CHECK (available_days >= 0), activated_at BIGINT,
  device_number TEXT REFERENCES devices(number), bound_at BIGINT,
  customer_id TEXT NOT NULL REFERENCES customers(id), locked BOOLEAN NOT NULL, created_at BIGINT NOT NULL);
CREATE INDEX cards_customer ON cards(customer_id, seq);
CREATE INDEX cards_device ON cards(device_number) WHERE device_number IS NOT NULL;
CREATE TABLE card_records (
  seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, card_number TEXT NOT NULL, type_code TEXT NOT NULL,
  kind TEXT NOT NULL, from_customer TEXT, to_customer TEXT, device_number TEXT, days BIGINT,
  actor TEXT NOT NULL, at BIGINT NOT NULL);
CREATE INDEX card_records_card ON card_records(card_number, seq);
CREATE TABLE deductions (
  seq BIGSERIAL PRIMARY KEY, card_number TEXT NOT NULL, device_number TEXT NOT NULL,
  customer_id TEXT NOT NULL, period_start BIGINT NOT NULL, at BIGINT NOT NULL,
  days BIGINT NOT NULL, balance_after BIGINT NOT NULL,
  UNIQUE (device_number, period_start));
CREATE INDEX deductions_card ON deductions(card_number, seq);
)sql",
    // 7: each device's payer carries its usage time (see the SQLite migration of the same
    // number).
    R"sql(
ALTER TABLE cards ADD COLUMN paying BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE cards ADD COLUMN paid_until BIGINT;
UPDATE cards SET paying = TRUE, paid_until = (SELECT usage_until FROM devices d WHERE
  d.number = cards.device_number) WHERE device_number IS NOT NULL AND seq = (SELECT p.seq FROM
  cards p WHERE p.device_number = cards.device_number AND p.available_days > 0 ORDER BY
  p.activated_at IS NULL, p.activated_at, p.bound_at, p.seq LIMIT 1) AND NOT (SELECT blacklisted
  FROM devices d WHERE d.number = cards.device_number);
UPDATE devices SET usage_until = NULL WHERE EXISTS (SELECT 1 FROM cards WHERE paying AND
  device_number = devices.number);
CREATE UNIQUE INDEX cards_payer ON cards(device_number) WHERE paying;
CREATE INDEX cards_exhausted ON cards(device_number, paying, paid_until)
  WHERE available_days = 0 AND device_number IS NOT NULL;
ALTER TABLE deductions DROP CONSTRAINT deductions_device_number_period_start_key;
DROP INDEX deductions_card;
CREATE INDEX deductions_device ON deductions(device_number, seq);
)sql",
    // 8: activations indexed by each component's value (see the SQLite store's migration 8).
    R"sql(
CREATE TABLE activation_components (
  license_id TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, activation_id TEXT NOT NULL);
CREATE INDEX activation_components_value ON activation_components(license_id, name, value);
CREATE INDEX activation_components_activation ON activation_components(activation_id);
-- A license's activations are listed a page at a time in the order they were made.
CREATE INDEX activations_license ON activations(license_id, seq);
INSERT INTO activation_components SELECT a.license_id, c.key, c.value, a.id
  FROM activations a, jsonb_each_text(a.components::jsonb) c;
CREATE FUNCTION licensor_activation_components() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM activation_components WHERE activation_id = OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  INSERT INTO activation_components SELECT NEW.license_id, c.key, c.value, NEW.id
    FROM jsonb_each_text(NEW.components::jsonb) c;
  RETURN NEW;
END $$;
CREATE TRIGGER activation_components_insert_delete AFTER INSERT OR DELETE ON activations
  FOR EACH ROW EXECUTE FUNCTION licensor_activation_components();
CREATE TRIGGER activation_components_update AFTER UPDATE OF components, license_id ON activations
  FOR EACH ROW WHEN (NEW.components IS DISTINCT FROM OLD.components
                     OR NEW.license_id IS DISTINCT FROM OLD.license_id)
  EXECUTE FUNCTION licensor_activation_components();
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
    LICENSOR_ACCOUNTS_DDL("BIGSERIAL PRIMARY KEY", "BIGINT", "BOOLEAN NOT NULL DEFAULT FALSE"),
    // 13: sign-in attempts, counted in the store by every node (storage/account_sql.hpp).
    LICENSOR_SIGN_IN_ATTEMPTS_DDL("BIGINT"),
    // 14: the component index covers the similarity search (storage/activation_component_sql.hpp).
    LICENSOR_COVERING_COMPONENT_INDEX_DDL,
    // 15: a license code is found whatever its case (storage/license_code_sql.hpp).
    LICENSOR_FOLDED_LICENSE_CODE_INDEX_DDL,
};

// An arbitrary constant naming Licensor's migration lock among the database's advisory locks.
constexpr const char* kLockMigrations = "SELECT pg_advisory_xact_lock(7324011)";

}  // namespace

Status Migrate(PgConnection& conn) {
  LICENSOR_RETURN_IF_ERROR(
      conn.Exec("CREATE TABLE IF NOT EXISTS licensor_schema (version BIGINT NOT NULL);"));
  const auto known = static_cast<std::int64_t>(std::size(kMigrations));
  for (;;) {
    LICENSOR_RETURN_IF_ERROR(conn.Exec("BEGIN"));
    Status s = conn.Query(kLockMigrations).status();
    std::int64_t current = 0;
    if (s.ok()) {
      auto version = conn.Query("SELECT COALESCE(MAX(version), 0) FROM licensor_schema");
      if (version.ok()) {
        current = version->row(0).Int(0);
      } else {
        s = version.status();
      }
    }
    if (s.ok() && current > known) {
      s = Status::Internal("database schema version " + std::to_string(current) +
                           " is newer than this licensord supports (" + std::to_string(known) +
                           "); upgrade licensord");
    }
    if (s.ok() && current == known) {
      return conn.Exec("COMMIT");
    }
    if (s.ok()) s = conn.Exec(kMigrations[current]);
    if (s.ok())
      s = conn.Query("INSERT INTO licensor_schema (version) VALUES ($1)", current + 1).status();
    if (s.ok()) s = conn.Exec("COMMIT");
    if (!s.ok()) {
      (void)conn.Exec("ROLLBACK");
      return s;
    }
  }
}

}  // namespace licensor::storage::postgres
